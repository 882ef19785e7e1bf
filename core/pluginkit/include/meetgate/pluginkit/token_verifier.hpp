// Authenticates a REST request for a plugin other than auth, ONLY through
// the auth plugin's "auth.verify_token" service (the cross-plugin contract: plugins
// never read JWTs themselves): RequestToken finds the token (Bearer header,
// else the access_token cookie with the CSRF double submit on unsafe
// methods), then the service says who it belongs to. Never throws for a bad
// request: the AuthOutcome carries the refusal for the plugin to answer.
#pragma once

#include <meetgate/plugin.h>

#include <string>

#include "auth_outcome.hpp"
#include "http_exchange.hpp"

namespace meetgate::pluginkit {

class TokenVerifier {
 public:
  static constexpr const char *kService = "auth.verify_token";

  explicit TokenVerifier(const mg_core_callbacks *core) : core_(core) {}

  // Token lookup + CSRF check + verify().
  AuthOutcome authenticate(const HttpExchange &exchange) const;
  // Only the service call, for a token found elsewhere (e.g. a WebSocket
  // message). An empty token is refused as kMissingToken.
  AuthOutcome verify(const std::string &token) const;

 private:
  const mg_core_callbacks *core_;
};

}  // namespace meetgate::pluginkit
