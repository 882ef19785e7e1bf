// One HTTP request owned by the plugin (copied out of the borrowed
// mg_http_request) together with its responder, so a worker thread can
// answer it later. It is answered exactly once: a second reply is dropped,
// and an exchange destroyed unanswered answers 500 itself.
#pragma once

#include <meetgate/plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query_string.hpp"

namespace meetgate::pluginkit {

class HttpExchange {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  HttpExchange(const mg_core_callbacks *core, const mg_http_request *request,
               mg_http_responder *responder);
  ~HttpExchange();
  HttpExchange(const HttpExchange &) = delete;
  HttpExchange &operator=(const HttpExchange &) = delete;

  const std::string &method() const { return method_; }
  const std::string &path() const { return path_; }
  const std::string &remote_addr() const { return remote_addr_; }
  const std::string &request_id() const { return request_id_; }
  std::string_view body() const { return body_; }
  const QueryString &query() const { return query_; }

  // First header with that name (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
  // A cookie from any Cookie header; surrounding blanks and quotes removed.
  std::optional<std::string> cookie(std::string_view name) const;

  // Extra headers (Set-Cookie, Retry-After, Cache-Control) sent with the answer.
  void add_header(std::string name, std::string value);

  // The seed's envelope ({"code","message","data"|"error","request_id"});
  // `data` is stolen (may be NULL). Without extra headers this is the core's
  // respond_json; with them the same envelope goes out through respond_raw,
  // because respond_json cannot carry headers.
  void reply(int status, const std::string &message, json_t *data);
  // 200 with a file body (downloads), plus the extra headers.
  void reply_file(const std::string &path, const char *content_type, uint64_t size);
  // `length` bytes of the file from `offset` with the given status (206 for
  // a Range answer, whose Content-Range the caller adds with add_header).
  void reply_file(const std::string &path, const char *content_type, uint64_t offset,
                  uint64_t length, int status);
  bool answered() const { return answered_; }

 private:
  void reply_with_headers(int status, const std::string &message, json_t *data);

  const mg_core_callbacks *core_;
  mg_http_responder *responder_;
  bool answered_ = false;
  std::string method_, path_, remote_addr_, request_id_, body_;
  QueryString query_;
  Headers request_headers_;
  Headers response_headers_;
};

}  // namespace meetgate::pluginkit
