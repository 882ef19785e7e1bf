#include "authenticator.hpp"

#include <sodium.h>
#include <strings.h>

#include "api_error.hpp"
#include "json_ptr.hpp"

namespace meetgate::ai {
namespace {

bool is_safe_method(const std::string &method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool same_secret(const std::string &a, const std::string &b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string bearer_token(const HttpCall &call) {
  auto header = call.header("Authorization");
  if (!header) return "";
  constexpr std::string_view prefix = "Bearer ";
  if (header->size() <= prefix.size() ||
      strncasecmp(header->c_str(), "Bearer ", prefix.size()) != 0)
    throw ApiError(401, "unauthorized", "Authorization header must be 'Bearer <token>'");
  return header->substr(prefix.size());
}

}  // namespace

Caller Authenticator::authenticate(const HttpCall &call) const {
  std::string token = bearer_token(call);
  if (token.empty()) {
    token = call.cookie("access_token").value_or("");
    if (token.empty()) throw ApiError(401, "unauthorized", "missing bearer token");
    if (!is_safe_method(call.method()) && !same_secret(call.cookie("csrf_token").value_or(""),
                                                       call.header("X-CSRF-Token").value_or("")))
      throw ApiError(403, "CSRF token missing or invalid",
                     "send the csrf_token cookie's value in X-CSRF-Token");
  }
  infer::JsonPtr request = infer::json_take(json_pack("{s:s}", "token", token.c_str()));
  json_t *raw = nullptr;
  int status = core_->call_service("auth.verify_token", request.get(), &raw);
  infer::JsonPtr response = infer::json_take(raw);
  std::string message = json_is_string(response.get()) ? json_string_value(response.get()) : "";
  if (status == 503)
    throw ApiError(503, "authentication unavailable", message.empty() ? "no auth plugin" : message);
  if (status != 0) throw ApiError(401, "unauthorized", message.empty() ? "invalid token" : message);
  Caller caller;
  caller.user_id = json_integer_value(json_object_get(response.get(), "user_id"));
  caller.username = infer::json_string_field(response.get(), "username");
  caller.role = infer::json_string_field(response.get(), "role", "user");
  if (caller.user_id <= 0) throw ApiError(401, "unauthorized", "token has no user");
  return caller;
}

}  // namespace meetgate::ai
