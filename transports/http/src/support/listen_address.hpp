// The socket address to listen on, from the configured bind text and port.
#pragma once

#include <sys/socket.h>

#include <string>

namespace meetgate::transport {

struct ListenAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  bool ipv6 = false;
  std::string error;  // "" when resolved
};

// `bind` is an IPv4/IPv6 address ("0.0.0.0", "::", "127.0.0.1") or a host
// name resolved once at start.
ListenAddress resolve_listen_address(const std::string &bind, int port);

// Why listening on bind:port fails right now ("Address already in use"), or
// "" if a test bind succeeds. Used to explain a library's failure to start.
std::string probe_listen_error(const std::string &bind, int port);

}  // namespace meetgate::transport
