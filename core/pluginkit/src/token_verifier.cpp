#include <meetgate/pluginkit/json_ptr.hpp>
#include <meetgate/pluginkit/request_token.hpp>
#include <meetgate/pluginkit/token_verifier.hpp>

namespace meetgate::pluginkit {
namespace {

using Failure = AuthOutcome::Failure;

std::string text_or(const json_t *json, const char *fallback) {
  const char *text = json_is_string(json) ? json_string_value(json) : nullptr;
  return text && *text ? text : fallback;
}

AuthOutcome unauthorized(Failure failure, std::string detail) {
  return AuthOutcome::refused(failure, 401, "unauthorized", std::move(detail));
}

}  // namespace

AuthOutcome TokenVerifier::authenticate(const HttpExchange &exchange) const {
  using Source = RequestToken::Source;
  const RequestToken token = RequestToken::of(exchange);
  if (token.source() == Source::kMalformedHeader)
    return unauthorized(Failure::kMalformedHeader, "Authorization header must be 'Bearer <token>'");
  if (token.source() == Source::kNone)
    return unauthorized(Failure::kMissingToken, "missing bearer token");
  if (!token.passes_csrf(exchange))
    return AuthOutcome::refused(Failure::kCsrfMismatch, 403, "CSRF token missing or invalid",
                                "send the csrf_token cookie's value in X-CSRF-Token");
  return verify(token.token());
}

AuthOutcome TokenVerifier::verify(const std::string &token) const {
  if (token.empty()) return unauthorized(Failure::kMissingToken, "missing bearer token");
  JsonPtr request(json_pack("{s:s}", "token", token.c_str()));
  json_t *raw = nullptr;
  const int status = core_->call_service(kService, request.get(), &raw);
  JsonPtr response(raw);
  if (status == 503)
    return AuthOutcome::refused(Failure::kUnavailable, 503, "authentication unavailable",
                                text_or(response.get(), "no auth plugin"));
  if (status != 0)
    return unauthorized(Failure::kInvalidToken, text_or(response.get(), "invalid token"));
  VerifiedUser user;
  user.user_id = json_integer_value(json_object_get(response.get(), "user_id"));
  user.username = text_or(json_object_get(response.get(), "username"), "");
  user.email = text_or(json_object_get(response.get(), "email"), "");
  user.role = text_or(json_object_get(response.get(), "role"), "user");
  if (user.user_id <= 0) return unauthorized(Failure::kInvalidToken, "token has no user");
  return AuthOutcome::accepted(std::move(user));
}

}  // namespace meetgate::pluginkit
