// Authenticates a REST call only through the auth plugin's "auth.verify_token"
// service: "Authorization: Bearer <jwt>", or the "access_token" cookie with
// the CSRF double submit (X-CSRF-Token = csrf_token cookie) on unsafe methods.
// Throws ApiError: 401 missing/invalid, 403 CSRF, 503 no auth plugin.
#pragma once

#include <meetgate/plugin.h>

#include "caller.hpp"
#include "http_call.hpp"

namespace meetgate::ai {

class Authenticator {
 public:
  explicit Authenticator(const mg_core_callbacks *core) : core_(core) {}
  Caller authenticate(const HttpCall &call) const;

 private:
  const mg_core_callbacks *core_;
};

}  // namespace meetgate::ai
