#include "http_call.hpp"

#include <strings.h>

namespace meetgate::ai {
namespace {

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

HttpCall::HttpCall(const mg_core_callbacks *core, const mg_http_request *request,
                   mg_http_responder *responder)
    : core_(core),
      responder_(responder),
      method_(request->method ? request->method : ""),
      path_(request->path ? request->path : ""),
      query_(request->query ? request->query : ""),
      body_(request->body
                ? std::string(reinterpret_cast<const char *>(request->body), request->body_len)
                : std::string()) {
  for (std::size_t i = 0; i < request->header_count; ++i) {
    const mg_header &header = request->headers[i];
    if (header.name && header.value) headers_.emplace_back(header.name, header.value);
  }
}

HttpCall::~HttpCall() {
  reply(500, "internal error", json_string("request dropped"));
}

std::optional<std::string> HttpCall::query(std::string_view name) const {
  std::string_view rest = query_;
  while (!rest.empty()) {
    std::size_t end = rest.find('&');
    std::string_view pair = rest.substr(0, end);
    std::size_t equals = pair.find('=');
    if (percent_decode(pair.substr(0, equals)) == name)
      return equals == std::string_view::npos ? "" : percent_decode(pair.substr(equals + 1));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

std::optional<std::string> HttpCall::header(std::string_view name) const {
  for (const auto &[key, value] : headers_)
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0)
      return value;
  return std::nullopt;
}

std::optional<std::string> HttpCall::cookie(std::string_view name) const {
  auto header_value = header("Cookie");
  if (!header_value) return std::nullopt;
  std::string_view rest = *header_value;
  while (!rest.empty()) {
    std::size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name)
      return std::string(pair.substr(equals + 1));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

void HttpCall::reply(int status, const std::string &message, json_t *data) {
  {
    std::lock_guard lock(mutex_);
    if (answered_) {
      json_decref(data);
      return;
    }
    answered_ = true;
  }
  core_->respond_json(responder_, status, message.c_str(), data);
}

}  // namespace meetgate::ai
