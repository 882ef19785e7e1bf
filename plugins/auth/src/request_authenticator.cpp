#include "request_authenticator.hpp"

#include <meetgate/pluginkit/request_token.hpp>

#include "api_error.hpp"

namespace meetgate::auth {

RequestAuthenticator::Caller RequestAuthenticator::authenticate(
    AuthContext &context, const pluginkit::HttpExchange &exchange) {
  using Source = pluginkit::RequestToken::Source;
  const pluginkit::RequestToken token = pluginkit::RequestToken::of(exchange);
  if (token.source() == Source::kMalformedHeader) {
    throw ApiError(401, "invalid authorization header", "expected: Authorization: Bearer <token>");
  }
  if (token.source() == Source::kNone) {
    throw ApiError(401, "authorization required", "missing token");
  }
  Caller caller;
  caller.by_cookie = token.by_cookie();
  caller.claims = context.tokens.verify(token.token(), TokenType::kAccess);
  if (!token.passes_csrf(exchange)) {
    throw ApiError(403, "CSRF token missing or invalid",
                   "send the csrf_token cookie's value in the X-CSRF-Token header");
  }
  return caller;
}

}  // namespace meetgate::auth
