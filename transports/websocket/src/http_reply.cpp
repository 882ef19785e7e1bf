#include "http_reply.hpp"

#include <cstring>
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
  // Before the upgrade is parsed libwebsockets does not know the request's HTTP
  // version and writes "HTTP/1.0"; WebSocket clients (RFC 6455 needs 1.1) then
  // cannot read the refusal. We answer as the HTTP/1.1 server we are, and close.
  if (cursor - start > 8 && std::memcmp(start, "HTTP/1.0", 8) == 0) start[7] = '1';
  if (lws_finalize_write_http_header(wsi, start, &cursor, end) != 0) return -1;
  std::vector<unsigned char> payload(LWS_PRE + body.size());
  std::copy(body.begin(), body.end(), payload.begin() + LWS_PRE);
  int written = lws_write(wsi, payload.data() + LWS_PRE, body.size(), LWS_WRITE_HTTP_FINAL);
  return written < 0 ? -1 : 0;
}

}  // namespace meetgate::transport
