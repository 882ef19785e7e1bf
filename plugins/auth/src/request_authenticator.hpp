// Who is calling: a Bearer token (Authorization header) or, for browsers,
// the access_token cookie, which on unsafe methods also needs the CSRF
// double-submit header (pluginkit::RequestToken finds it; auth verifies it
// locally, every other plugin through auth.verify_token).
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>

#include "auth_context.hpp"
#include "token_claims.hpp"

namespace meetgate::auth {

class RequestAuthenticator {
 public:
  struct Caller {
    TokenClaims claims;
    bool by_cookie = false;
  };

  // Throws ApiError: 401 without a valid token, 403 on a CSRF failure.
  static Caller authenticate(AuthContext &context, const pluginkit::HttpExchange &exchange);
};

}  // namespace meetgate::auth
