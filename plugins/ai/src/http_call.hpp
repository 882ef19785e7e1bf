// One REST request owned by the plugin: the borrowed mg_http_request is
// copied so a worker (or the inference client's completion) can answer it
// later. Answered exactly once; a call dropped unanswered answers 500 itself.
#pragma once

#include <meetgate/plugin.h>

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meetgate::ai {

class HttpCall {
 public:
  HttpCall(const mg_core_callbacks *core, const mg_http_request *request,
           mg_http_responder *responder);
  ~HttpCall();
  HttpCall(const HttpCall &) = delete;
  HttpCall &operator=(const HttpCall &) = delete;

  const std::string &method() const { return method_; }
  const std::string &path() const { return path_; }
  const std::string &body() const { return body_; }
  // A query parameter, percent-decoded; nullopt when absent.
  std::optional<std::string> query(std::string_view name) const;
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;

  // The seed's envelope; `data` is stolen (may be NULL). Thread-safe; later
  // calls are ignored.
  void reply(int status, const std::string &message, json_t *data);

 private:
  const mg_core_callbacks *core_;
  mg_http_responder *responder_;
  std::mutex mutex_;
  bool answered_ = false;
  std::string method_, path_, query_, body_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace meetgate::ai
