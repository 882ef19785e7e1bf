// What a client gives when it opens /ws/signaling: the query parameters
// user_id, meeting_id, peer_id and the JWT from ?token= / ?access_token=, an
// "Authorization: Bearer" header or an access_token cookie (in that order).
// No ABI calls: unit tested directly.
#pragma once

#include <meetgate/common.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace meetgate::videoroom {

struct ConnectRequest {
  int64_t user_id = 0;
  std::string meeting_id;
  std::string peer_id;
  std::string token;
};

struct ConnectRefusal {
  int status;
  std::string message;
};

// The value of `name` in a raw query string ("a=1&b=x%20y"), percent- and
// plus-decoded; nullopt when absent.
std::optional<std::string> query_value(std::string_view query, std::string_view name);

// A header's value (case-insensitive name); nullopt when absent.
std::optional<std::string> header_value(const mg_http_request &request, std::string_view name);

// A cookie's value from the Cookie header; nullopt when absent.
std::optional<std::string> cookie_value(const mg_http_request &request, std::string_view name);

// The JWT the request carries, "" if none.
std::string token_of(const mg_http_request &request);

// Reads and checks the parameters: 400 when user_id, meeting_id or peer_id
// is missing or malformed, 401 when no token was given.
std::optional<ConnectRefusal> parse_connect_request(const mg_http_request &request,
                                                    ConnectRequest &out);

}  // namespace meetgate::videoroom
