// Builds libmicrohttpd responses: the core's answers (bytes or a file) and the
// transport's own envelopes, each with X-Request-ID and the CORS headers.
#pragma once

#include <meetgate/common.h>

#include <string>
#include <string_view>

#include "header_list.hpp"
#include "mhd_response.hpp"

namespace meetgate::transport {

// Headers every answer to one request carries.
struct CommonHeaders {
  const std::string &request_id;
  const HeaderList &cors;
};

// A body answer. `content_type` NULL means application/json.
ReadyResponse make_body_response(unsigned status, std::string_view body, const char *content_type,
                                 const CommonHeaders &common);

// The transport's own error envelope (400, 403, 404, 413, 500, 503).
ReadyResponse make_error_response(unsigned status, const std::string &message,
                                  const std::string &error, const CommonHeaders &common);

// The core's answer. The file of a file answer is opened here; if it cannot
// be, the answer becomes a 404/500 envelope and `problem` says why.
ReadyResponse make_core_response(const mg_http_response &answer, const CommonHeaders &common,
                                 std::string &problem);

}  // namespace meetgate::transport
