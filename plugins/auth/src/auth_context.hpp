// Everything the auth plugin's handlers share, built once in init in
// dependency order and torn down in reverse. All members are thread-safe
// (the storage SDK pools its connections; the rest is immutable or goes
// through the KeyValue store).
#pragma once

#include <meetgate/plugin.h>

#include <meetgate/storage/database.hpp>
#include <meetgate/storage/kv.hpp>
#include <memory>
#include <string>

#include "auth_config.hpp"
#include "avatar_store.hpp"
#include "jwt_codec.hpp"
#include "login_lockout.hpp"
#include "password_hasher.hpp"
#include "rate_limiter.hpp"
#include "token_revocation.hpp"
#include "token_service.hpp"
#include "user_repository.hpp"

namespace meetgate::auth {

class AuthContext {
 public:
  // Opens the database (running migrations) and the KeyValue store from the
  // core's settings. Throws on failure (init then refuses the plugin).
  AuthContext(const mg_core_callbacks *core, mg_plugin *self, AuthConfig config);

  void log(mg_log_level level, const std::string &line) const;
  std::string avatar_url(const std::string &name) const;
  // Set-Cookie values for the access token (HttpOnly) and CSRF token.
  std::string access_cookie(const std::string &token, int64_t max_age) const;
  std::string csrf_cookie(const std::string &token) const;

  const mg_core_callbacks *const core;
  mg_plugin *const self;
  const AuthConfig config;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<storage::KeyValue> kv;
  UserRepository users;
  PasswordHasher hasher;
  JwtCodec codec;
  TokenRevocation revocation;
  TokenService tokens;
  RateLimiter limiter;
  LoginLockout lockout;
  AvatarStore avatars;

 private:
  std::string setting(const char *key) const;
  bool secure_cookies_ = false;
};

}  // namespace meetgate::auth
