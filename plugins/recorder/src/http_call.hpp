// One REST request owned by the plugin: the borrowed mg_http_request is
// copied so a worker thread can answer later through the responder. It is
// answered exactly once; a call dropped unanswered answers 500 itself.
#pragma once

#include <meetgate/plugin.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query_string.hpp"

namespace meetgate::recorder {

class HttpCall {
 public:
  HttpCall(const mg_core_callbacks *core, const mg_http_request *request,
           mg_http_responder *responder);
  ~HttpCall();
  HttpCall(const HttpCall &) = delete;
  HttpCall &operator=(const HttpCall &) = delete;

  const std::string &method() const { return method_; }
  const std::string &path() const { return path_; }
  const QueryString &query() const { return query_; }
  std::string_view body() const { return body_; }
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;

  // The seed's envelope; `data` is stolen (may be NULL).
  void reply(int status, const std::string &message, json_t *data);
  // Raw bytes or a file (downloads); see mg_http_response.
  void send_raw(const mg_http_response &response);
  bool answered() const { return answered_; }

 private:
  const mg_core_callbacks *core_;
  mg_http_responder *responder_;
  bool answered_ = false;
  std::string method_, path_, body_;
  QueryString query_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace meetgate::recorder
