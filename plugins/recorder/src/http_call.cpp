#include "http_call.hpp"

#include <strings.h>

namespace meetgate::recorder {

HttpCall::HttpCall(const mg_core_callbacks *core, const mg_http_request *request,
                   mg_http_responder *responder)
    : core_(core),
      responder_(responder),
      method_(request->method ? request->method : ""),
      path_(request->path ? request->path : ""),
      body_(request->body
                ? std::string(reinterpret_cast<const char *>(request->body), request->body_len)
                : std::string()),
      query_(request->query ? request->query : "") {
  for (size_t i = 0; i < request->header_count; ++i) {
    const mg_header &header = request->headers[i];
    if (header.name && header.value) headers_.emplace_back(header.name, header.value);
  }
}

HttpCall::~HttpCall() {
  if (!answered_)
    core_->respond_json(responder_, 500, "internal error", json_string("request dropped"));
}

std::optional<std::string> HttpCall::header(std::string_view name) const {
  for (const auto &[key, value] : headers_) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0)
      return value;
  }
  return std::nullopt;
}

std::optional<std::string> HttpCall::cookie(std::string_view name) const {
  auto header_value = header("Cookie");
  if (!header_value) return std::nullopt;
  std::string_view rest = *header_value;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name)
      return std::string(pair.substr(equals + 1));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

void HttpCall::reply(int status, const std::string &message, json_t *data) {
  if (answered_) {
    json_decref(data);
    return;
  }
  answered_ = true;
  core_->respond_json(responder_, status, message.c_str(), data);
}

void HttpCall::send_raw(const mg_http_response &response) {
  if (answered_) return;
  answered_ = true;
  core_->respond_raw(responder_, &response);
}

}  // namespace meetgate::recorder
