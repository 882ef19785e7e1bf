#include "client_address.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

namespace meetgate::transport {

std::string peer_address_text(const sockaddr *address) {
  if (address == nullptr) return {};
  socklen_t length = address->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
  if (address->sa_family != AF_INET && address->sa_family != AF_INET6) return {};
  char host[NI_MAXHOST] = {0};
  if (getnameinfo(address, length, host, sizeof(host), nullptr, 0, NI_NUMERICHOST) != 0) return {};
  std::string text(host);
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  if (text.rfind("::ffff:", 0) == 0 && text.find('.') != std::string::npos) text = text.substr(7);
  return text;
}

std::string forwarded_client(std::string_view x_forwarded_for) {
  size_t comma = x_forwarded_for.rfind(',');
  std::string_view last =
      comma == std::string_view::npos ? x_forwarded_for : x_forwarded_for.substr(comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  std::string candidate(last);
  unsigned char buffer[sizeof(in6_addr)];
  if (inet_pton(AF_INET, candidate.c_str(), buffer) == 1 ||
      inet_pton(AF_INET6, candidate.c_str(), buffer) == 1) {
    return candidate;
  }
  return {};
}

std::string resolve_client_address(const std::string &peer, std::string_view x_forwarded_for,
                                   bool trust_forwarded) {
  if (!trust_forwarded || x_forwarded_for.empty()) return peer;
  std::string forwarded = forwarded_client(x_forwarded_for);
  return forwarded.empty() ? peer : forwarded;
}

}  // namespace meetgate::transport
