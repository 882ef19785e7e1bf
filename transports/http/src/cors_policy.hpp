// CORS decisions for the HTTP transport.
//
// cors_origins = ["*"] answers "Access-Control-Allow-Origin: *" without
// credentials (a browser then sends no cookies cross-origin). A list of
// origins echoes the matching Origin with "Access-Control-Allow-Credentials:
// true", so cookie sessions work from those sites only. An Origin not listed
// gets no CORS headers (the browser blocks the answer) and its preflight a 403.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "header_list.hpp"

namespace meetgate::transport {

struct PreflightAnswer {
  int status;          // 204, or 403 when the origin is not allowed
  HeaderList headers;  // CORS headers to send with it
};

class CorsPolicy {
 public:
  CorsPolicy(std::vector<std::string> origins, std::vector<std::string> methods,
             std::vector<std::string> headers, unsigned max_age);

  bool origin_allowed(std::string_view origin) const;
  // Headers for an ordinary answer to a request carrying `origin` ("" = none).
  HeaderList response_headers(std::string_view origin) const;
  // The answer to an OPTIONS request. `requested_method` is the
  // Access-Control-Request-Method header ("" when it is not a preflight).
  PreflightAnswer preflight(std::string_view origin, std::string_view requested_method) const;

 private:
  std::vector<std::string> origins_;
  bool any_origin_ = false;
  std::string methods_;
  std::string headers_;
  unsigned max_age_;
};

}  // namespace meetgate::transport
