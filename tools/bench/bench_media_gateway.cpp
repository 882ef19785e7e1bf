#include "bench_media_gateway.hpp"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace meetgate::bench {
namespace {

// The inode of a socket listening on `port` in /proc/net/tcp or tcp6, or "".
std::string listening_inode(int port) {
  for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
      fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
          timeout >> inode;
      size_t colon = local.rfind(':');
      if (state != "0A" || colon == std::string::npos) continue;  // 0A = LISTEN
      if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) return inode;
    }
  }
  return "";
}

}  // namespace

pid_t GatewayProcess::find_listener(int port) {
  std::string inode = listening_inode(port);
  if (inode.empty()) return -1;
  std::string wanted = "socket:[" + inode + "]";
  DIR *proc = opendir("/proc");
  if (!proc) return -1;
  pid_t found = -1;
  while (dirent *entry = readdir(proc)) {
    pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (pid <= 0 || found > 0) continue;
    std::string fd_dir = "/proc/" + std::string(entry->d_name) + "/fd";
    DIR *fds = opendir(fd_dir.c_str());
    if (!fds) continue;
    while (dirent *fd = readdir(fds)) {
      char target[256];
      std::string link = fd_dir + "/" + fd->d_name;
      ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
      if (n > 0 && std::string(target, static_cast<size_t>(n)) == wanted) found = pid;
    }
    closedir(fds);
  }
  closedir(proc);
  return found;
}

double GatewayProcess::cpu_seconds() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t paren = text.rfind(')');  // the command name may contain spaces
  if (paren == std::string::npos) return -1;
  std::istringstream fields(text.substr(paren + 2));
  std::string field;
  // After the name: state(3) ... utime is field 14, stime 15 (1-based).
  for (int i = 3; i < 14 && fields >> field; ++i) {
  }
  unsigned long long utime = 0, stime = 0;
  if (!(fields >> utime >> stime)) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long GatewayProcess::rss_kib() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

}  // namespace meetgate::bench
