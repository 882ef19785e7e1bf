// Checks on the request target (the URI in the request line) that the HTTP
// library leaves to the application: malformed ones are answered 400.
#pragma once

#include <string>
#include <string_view>

namespace meetgate::transport {

struct RequestTarget {
  std::string error;  // "" when the target is acceptable
  std::string query;  // the raw query string without '?', "" if none
};

// `raw_uri` is the target as received ("/a%20b?x=1"), `decoded_path` the
// path as the library decoded it.
RequestTarget inspect_request_target(std::string_view raw_uri, std::string_view decoded_path);

}  // namespace meetgate::transport
