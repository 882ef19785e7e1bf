#include "json_body.hpp"

#include "api_error.hpp"

namespace meetgate::auth {

JsonBody JsonBody::parse(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return JsonBody(pluginkit::JsonPtr(json_object()));
  }
  json_error_t error;
  pluginkit::JsonPtr root(json_loadb(body.data(), body.size(), JSON_REJECT_DUPLICATES, &error));
  if (!root) {
    throw ApiError(400, "invalid JSON body", std::string("body: ") + error.text);
  }
  if (!json_is_object(root.get())) {
    throw ApiError(400, "invalid JSON body", "body: expected a JSON object");
  }
  return JsonBody(std::move(root));
}

bool JsonBody::has(const char *field) const {
  json_t *value = json_object_get(root_.get(), field);
  return value != nullptr && !json_is_null(value);
}

std::optional<std::string> JsonBody::optional_string(const char *field) const {
  json_t *value = json_object_get(root_.get(), field);
  if (value == nullptr || json_is_null(value)) return std::nullopt;
  if (!json_is_string(value)) {
    throw ApiError(400, std::string(field) + " must be a string", field);
  }
  std::string text(json_string_value(value), json_string_length(value));
  if (text.find('\0') != std::string::npos) {
    throw ApiError(400, std::string(field) + " must not contain NUL characters", field);
  }
  return text;
}

std::string JsonBody::required_string(const char *field) const {
  std::optional<std::string> value = optional_string(field);
  if (!value || value->empty()) {
    throw ApiError(400, std::string(field) + " is required", field);
  }
  return *value;
}

}  // namespace meetgate::auth
