// One HTTP request owned by the plugin (copied out of the borrowed
// mg_http_request) together with its responder, so a worker thread can
// answer it later. It is answered exactly once: if a handler forgets, the
// destructor answers 500.
#pragma once

#include <meetgate/plugin.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meetgate::auth {

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
  std::string_view body() const { return body_; }

  // First header with that name (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  // URL-decoded query parameter.
  std::optional<std::string> query_param(std::string_view name) const;

  // Extra headers (Set-Cookie, Retry-After) sent with the answer.
  void add_header(std::string name, std::string value);

  // The seed's envelope: data for status < 400, error otherwise. `data` is
  // stolen (may be NULL).
  void reply(int status, const char *message, json_t *data);
  void reply_file(const std::string &path, const char *content_type, uint64_t size);
  bool answered() const { return answered_; }

 private:
  const mg_core_callbacks *core_;
  mg_http_responder *responder_;
  bool answered_ = false;
  std::string method_, path_, query_, remote_addr_, request_id_, body_;
  Headers request_headers_;
  Headers response_headers_;
};

}  // namespace meetgate::auth
