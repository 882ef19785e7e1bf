// Authenticates a REST call ONLY through the auth plugin's
// "auth.verify_token" service (this plugin never reads JWTs itself):
//  - "Authorization: Bearer <jwt>", or
//  - the "access_token" cookie (browsers); then an unsafe method must carry
//    X-CSRF-Token equal to the "csrf_token" cookie (double submit).
// Throws ApiError: 401 missing/invalid token, 403 CSRF mismatch, 503 when no
// auth plugin is loaded.
#pragma once

#include <meetgate/plugin.h>

#include "caller.hpp"
#include "http_call.hpp"

namespace meetgate::recorder {

class Authenticator {
 public:
  explicit Authenticator(const mg_core_callbacks *core) : core_(core) {}
  Caller authenticate(const HttpCall &call) const;

 private:
  const mg_core_callbacks *core_;
};

}  // namespace meetgate::recorder
