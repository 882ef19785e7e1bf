#include "request_authenticator.hpp"

#include <strings.h>

#include "api_error.hpp"
#include "csrf_guard.hpp"

namespace meetgate::auth {

std::string RequestAuthenticator::bearer_token(const HttpExchange &exchange) {
  std::optional<std::string> header = exchange.header("Authorization");
  if (!header) return "";
  constexpr std::string_view kScheme = "Bearer ";
  if (header->size() <= kScheme.size() ||
      strncasecmp(header->c_str(), kScheme.data(), kScheme.size()) != 0) {
    return "";
  }
  std::string token = header->substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  while (!token.empty() && token.back() == ' ') token.pop_back();
  return token;
}

RequestAuthenticator::Caller RequestAuthenticator::authenticate(AuthContext &context,
                                                                const HttpExchange &exchange) {
  Caller caller;
  std::string token = bearer_token(exchange);
  if (token.empty() && exchange.header("Authorization")) {
    throw ApiError(401, "invalid authorization header", "expected: Authorization: Bearer <token>");
  }
  if (token.empty()) {
    token = exchange.cookie("access_token").value_or("");
    caller.by_cookie = !token.empty();
  }
  if (token.empty()) throw ApiError(401, "authorization required", "missing token");
  caller.claims = context.tokens.verify(token, TokenType::kAccess);
  if (caller.by_cookie && !CsrfGuard::is_safe_method(exchange.method())) {
    const std::string cookie = exchange.cookie("csrf_token").value_or("");
    const std::string header = exchange.header("X-CSRF-Token").value_or("");
    if (!CsrfGuard::matches(cookie, header)) {
      throw ApiError(403, "CSRF token missing or invalid",
                     "send the csrf_token cookie's value in the X-CSRF-Token header");
    }
  }
  return caller;
}

}  // namespace meetgate::auth
