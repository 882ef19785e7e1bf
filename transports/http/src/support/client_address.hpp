// The client's address as text for mg_http_request::remote_addr.
#pragma once

#include <sys/socket.h>

#include <string>
#include <string_view>

namespace meetgate::transport {

// The numeric host of a peer address ("203.0.113.7", "::1"); "" if unknown.
std::string peer_address_text(const sockaddr *address);

// The client a trusted reverse proxy reports in X-Forwarded-For. The proxy
// appends the address it saw, so the rightmost entry is the one it vouches
// for (entries further left come from the client and may be forged). Returns
// "" when the header holds no valid IP address there.
std::string forwarded_client(std::string_view x_forwarded_for);

// `peer`, or the forwarded client when `trust_forwarded` and one is given.
std::string resolve_client_address(const std::string &peer, std::string_view x_forwarded_for,
                                   bool trust_forwarded);

}  // namespace meetgate::transport
