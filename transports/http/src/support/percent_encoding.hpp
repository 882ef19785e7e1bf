// Percent-encoding checks and encoding for request targets (RFC 3986).
#pragma once

#include <string>
#include <string_view>

namespace meetgate::transport {

// Every '%' is followed by two hex digits.
bool has_valid_percent_escapes(std::string_view text);

// Percent-encodes everything except RFC 3986 unreserved characters.
std::string percent_encode(std::string_view text);

// Rebuilds a raw query string from decoded "name=value" pieces (as
// libwebsockets hands them out), encoding each name and value again.
std::string encode_query_pieces(const std::string *pieces, size_t count);

}  // namespace meetgate::transport
