#include "http_reply.hpp"

#include <vector>

namespace meetgate::transport {

int write_json_reply(lws *wsi, unsigned status, const std::string &body,
                     const std::string &request_id) {
  std::vector<unsigned char> headers(LWS_PRE + 1024);
  unsigned char *start = headers.data() + LWS_PRE;
  unsigned char *cursor = start;
  unsigned char *end = headers.data() + headers.size() - 1;
  if (lws_add_http_common_headers(wsi, status, "application/json", body.size(), &cursor, end) !=
      0) {
    return -1;
  }
  if (!request_id.empty() &&
      lws_add_http_header_by_name(wsi, reinterpret_cast<const unsigned char *>("x-request-id:"),
                                  reinterpret_cast<const unsigned char *>(request_id.data()),
                                  static_cast<int>(request_id.size()), &cursor, end) != 0) {
    return -1;
  }
  if (lws_add_http_header_by_name(wsi, reinterpret_cast<const unsigned char *>("cache-control:"),
                                  reinterpret_cast<const unsigned char *>("no-store"), 8, &cursor,
                                  end) != 0) {
    return -1;
  }
  if (lws_finalize_write_http_header(wsi, start, &cursor, end) != 0) return -1;
  std::vector<unsigned char> payload(LWS_PRE + body.size());
  std::copy(body.begin(), body.end(), payload.begin() + LWS_PRE);
  int written = lws_write(wsi, payload.data() + LWS_PRE, body.size(), LWS_WRITE_HTTP_FINAL);
  return written < 0 ? -1 : 0;
}

}  // namespace meetgate::transport
