#include "authenticator.hpp"

#include <meetgate/pluginkit/request_token.hpp>

#include "api_error.hpp"
#include "json_ref.hpp"

namespace meetgate::meeting {

Caller Authenticator::authenticate(const pluginkit::HttpExchange &call) const {
  using Source = pluginkit::RequestToken::Source;
  const pluginkit::RequestToken token = pluginkit::RequestToken::of(call);
  if (token.source() == Source::kMalformedHeader)
    throw ApiError(401, "unauthorized", "Authorization header must be 'Bearer <token>'");
  if (token.source() == Source::kNone) throw ApiError(401, "unauthorized", "missing bearer token");
  if (!token.passes_csrf(call))
    throw ApiError(403, "CSRF token missing or invalid",
                   "send the csrf_token cookie's value in X-CSRF-Token");
  JsonRef request = adopt(json_pack("{s:s}", "token", token.token().c_str()));
  json_t *raw = nullptr;
  int status = core_->call_service("auth.verify_token", request.get(), &raw);
  JsonRef response = adopt(raw);
  if (status == 503)
    throw ApiError(503, "authentication unavailable", text_of(response.get(), "no auth plugin"));
  if (status != 0) throw ApiError(401, "unauthorized", text_of(response.get(), "invalid token"));
  Caller caller;
  caller.user_id = json_integer_value(json_object_get(response.get(), "user_id"));
  caller.username = text_of(json_object_get(response.get(), "username"), "");
  caller.role = text_of(json_object_get(response.get(), "role"), "user");
  if (caller.user_id <= 0) throw ApiError(401, "unauthorized", "token has no user");
  return caller;
}

}  // namespace meetgate::meeting
