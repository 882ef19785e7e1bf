// Where a REST request's access token is, as the contract fixes it:
// "Authorization: Bearer <jwt>", else (browsers) the `access_token` cookie,
// which on unsafe methods also needs the CSRF double-submit header (see
// CsrfGuard). It only finds the token: verifying it (auth: locally; every
// other plugin: the auth.verify_token service) and the wording of the 401/403
// stay with the plugin.
#pragma once

#include <string>
#include <string_view>

#include "http_exchange.hpp"

namespace meetgate::pluginkit {

class RequestToken {
 public:
  enum class Source {
    kNone,             // no Authorization header, no access_token cookie
    kMalformedHeader,  // an Authorization header that is not "Bearer <token>"
    kBearer,
    kCookie,
  };

  static RequestToken of(const HttpExchange &exchange);
  // The token in an Authorization header value ("Bearer <token>", scheme
  // case-insensitive, blanks around the token trimmed), or "" when it is not
  // one.
  static std::string bearer_token(std::string_view authorization);

  Source source() const { return source_; }
  const std::string &token() const { return token_; }
  bool by_cookie() const { return source_ == Source::kCookie; }
  // False only for a cookie-borne token on an unsafe method whose
  // X-CSRF-Token header does not match the csrf_token cookie.
  bool passes_csrf(const HttpExchange &exchange) const;

 private:
  Source source_ = Source::kNone;
  std::string token_;
};

}  // namespace meetgate::pluginkit
