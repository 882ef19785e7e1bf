// Who is calling: a Bearer token (Authorization header) or, for browsers,
// the access_token cookie, which on unsafe methods also needs the CSRF
// double-submit header (see CsrfGuard).
#pragma once

#include "auth_context.hpp"
#include "http_exchange.hpp"
#include "token_claims.hpp"

namespace meetgate::auth {

class RequestAuthenticator {
 public:
  struct Caller {
    TokenClaims claims;
    bool by_cookie = false;
  };

  // Throws ApiError: 401 without a valid token, 403 on a CSRF failure.
  static Caller authenticate(AuthContext &context, const HttpExchange &exchange);
  // The token in "Authorization: Bearer <token>", or "" when absent.
  static std::string bearer_token(const HttpExchange &exchange);
};

}  // namespace meetgate::auth
