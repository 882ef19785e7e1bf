#include <strings.h>

#include <meetgate/pluginkit/csrf_guard.hpp>
#include <meetgate/pluginkit/request_token.hpp>

namespace meetgate::pluginkit {

std::string RequestToken::bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size() ||
      strncasecmp(authorization.data(), kScheme.data(), kScheme.size()) != 0) {
    return "";
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return std::string(token);
}

RequestToken RequestToken::of(const HttpExchange &exchange) {
  RequestToken found;
  if (std::optional<std::string> header = exchange.header("Authorization")) {
    found.token_ = bearer_token(*header);
    found.source_ = found.token_.empty() ? Source::kMalformedHeader : Source::kBearer;
    return found;
  }
  found.token_ = exchange.cookie("access_token").value_or("");
  found.source_ = found.token_.empty() ? Source::kNone : Source::kCookie;
  return found;
}

bool RequestToken::passes_csrf(const HttpExchange &exchange) const {
  if (!by_cookie() || CsrfGuard::is_safe_method(exchange.method())) return true;
  return CsrfGuard::matches(exchange.cookie("csrf_token").value_or(""),
                            exchange.header("X-CSRF-Token").value_or(""));
}

}  // namespace meetgate::pluginkit
