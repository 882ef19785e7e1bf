#include "listen_address.hpp"

#include <netdb.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace meetgate::transport {

ListenAddress resolve_listen_address(const std::string &bind, int port) {
  ListenAddress address;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo *found = nullptr;
  std::string service = std::to_string(port);
  int status = getaddrinfo(bind.empty() ? nullptr : bind.c_str(), service.c_str(), &hints, &found);
  if (status != 0 || found == nullptr) {
    address.error = "cannot resolve bind address '" + bind + "': " + gai_strerror(status);
    return address;
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owner(found, &freeaddrinfo);
  std::memcpy(&address.storage, found->ai_addr, found->ai_addrlen);
  address.length = found->ai_addrlen;
  address.ipv6 = found->ai_family == AF_INET6;
  return address;
}

std::string probe_listen_error(const std::string &bind, int port) {
  ListenAddress address = resolve_listen_address(bind, port);
  if (!address.error.empty()) return address.error;
  int fd = socket(address.storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::strerror(errno);
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));  // as the libraries do
  std::string error;
  if (::bind(fd, reinterpret_cast<const sockaddr *>(&address.storage), address.length) != 0 ||
      listen(fd, 1) != 0) {
    error = std::strerror(errno);
  }
  close(fd);
  return error;
}

}  // namespace meetgate::transport
