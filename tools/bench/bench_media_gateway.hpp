// What `meetgate-bench media` reads about the gateway process from /proc:
// its CPU time (utime+stime of /proc/PID/stat) and resident memory (VmRSS of
// /proc/PID/status), and, when no pid is given, which process listens on
// the gateway's HTTP port (/proc/net/tcp{,6} socket inode -> /proc/*/fd).
#pragma once

#include <sys/types.h>

#include <string>

namespace meetgate::bench {

class GatewayProcess {
 public:
  explicit GatewayProcess(pid_t pid) : pid_(pid) {}
  // The pid listening on TCP `port` on this machine, or -1.
  static pid_t find_listener(int port);

  pid_t pid() const { return pid_; }
  // User + system CPU seconds so far; negative if the process is gone.
  double cpu_seconds() const;
  // VmRSS in KiB; negative if unreadable.
  long rss_kib() const;

 private:
  pid_t pid_;
};

}  // namespace meetgate::bench
