#include <strings.h>

#include <cstdlib>
#include <meetgate/pluginkit/http_exchange.hpp>
#include <meetgate/pluginkit/json_ptr.hpp>

namespace meetgate::pluginkit {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string copy_of(const char *text) {
  return text ? text : "";
}

}  // namespace

HttpExchange::HttpExchange(const mg_core_callbacks *core, const mg_http_request *request,
                           mg_http_responder *responder)
    : core_(core),
      responder_(responder),
      method_(copy_of(request->method)),
      path_(copy_of(request->path)),
      remote_addr_(copy_of(request->remote_addr)),
      request_id_(copy_of(request->request_id)),
      query_(request->query ? request->query : "") {
  if (request->body != nullptr && request->body_len > 0) {
    body_.assign(reinterpret_cast<const char *>(request->body), request->body_len);
  }
  for (size_t i = 0; i < request->header_count; ++i) {
    const mg_header &h = request->headers[i];
    if (h.name && h.value) request_headers_.emplace_back(h.name, h.value);
  }
}

HttpExchange::~HttpExchange() {
  if (!answered_) reply(500, "internal error", json_string("request was not answered"));
}

std::optional<std::string> HttpExchange::header(std::string_view name) const {
  for (const auto &[key, value] : request_headers_) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> HttpExchange::cookie(std::string_view name) const {
  for (const auto &[key, value] : request_headers_) {
    if (strcasecmp(key.c_str(), "cookie") != 0) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const size_t eq = pair.find('=');
      if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) {
        std::string_view cookie_value = trim(pair.substr(eq + 1));
        if (cookie_value.size() >= 2 && cookie_value.front() == '"' && cookie_value.back() == '"') {
          cookie_value = cookie_value.substr(1, cookie_value.size() - 2);
        }
        return std::string(cookie_value);
      }
    }
  }
  return std::nullopt;
}

void HttpExchange::add_header(std::string name, std::string value) {
  response_headers_.emplace_back(std::move(name), std::move(value));
}

void HttpExchange::reply(int status, const std::string &message, json_t *data) {
  if (answered_) {
    json_decref(data);
    return;
  }
  answered_ = true;
  if (response_headers_.empty()) {
    core_->respond_json(responder_, status, message.c_str(), data);
  } else {
    reply_with_headers(status, message, data);
  }
}

void HttpExchange::reply_with_headers(int status, const std::string &message, json_t *data) {
  JsonPtr payload(data);
  JsonPtr envelope(json_object());
  json_object_set_new(envelope.get(), "code", json_integer(status));
  json_object_set_new(envelope.get(), "message", json_string(message.c_str()));
  json_object_set_new(envelope.get(), status < 400 ? "data" : "error",
                      payload ? payload.release() : json_null());
  json_object_set_new(envelope.get(), "request_id", json_string(request_id_.c_str()));
  char *text = json_dumps(envelope.get(), JSON_COMPACT);
  std::vector<mg_header> headers;
  for (const auto &[name, value] : response_headers_) {
    headers.push_back(mg_header{name.c_str(), value.c_str()});
  }
  mg_http_response response{};
  response.status = status;
  response.content_type = "application/json";
  response.headers = headers.data();
  response.header_count = headers.size();
  response.body = reinterpret_cast<const uint8_t *>(text);
  response.body_len = text ? std::char_traits<char>::length(text) : 0;
  core_->respond_raw(responder_, &response);
  free(text);
}

void HttpExchange::reply_file(const std::string &path, const char *content_type, uint64_t size) {
  reply_file(path, content_type, 0, size, 200);
}

void HttpExchange::reply_file(const std::string &path, const char *content_type, uint64_t offset,
                              uint64_t length, int status) {
  if (answered_) return;
  answered_ = true;
  std::vector<mg_header> headers;
  for (const auto &[name, value] : response_headers_) {
    headers.push_back(mg_header{name.c_str(), value.c_str()});
  }
  mg_http_response response{};
  response.status = status;
  response.content_type = content_type;
  response.headers = headers.data();
  response.header_count = headers.size();
  response.file_path = path.c_str();
  response.file_offset = offset;
  response.file_length = length;
  core_->respond_raw(responder_, &response);
}

}  // namespace meetgate::pluginkit
