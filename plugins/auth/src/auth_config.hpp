// The auth plugin's settings: meetgate.plugin.auth.jcfg (section `general`)
// with MEETGATE_JWT_SECRET overriding `jwt_secret`. Every key and default is
// listed in the sample jcfg and in the README.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace meetgate::auth {

// The secret shipped in the sample jcfg: refused unless in development mode.
inline constexpr const char *kSampleJwtSecret =
    "meetgate-sample-jwt-secret-CHANGE-ME-before-production-0123456789";

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AuthConfig {
  bool enabled = true;
  std::string jwt_secret;
  std::string jwt_issuer = "meetgate";
  int64_t access_token_ttl = 24 * 3600;
  int64_t refresh_token_ttl = 7 * 24 * 3600;
  // libsodium's "interactive" Argon2id limits.
  int64_t argon2_opslimit = 2;
  int64_t argon2_memlimit_kib = 64 * 1024;
  int64_t workers = 2;
  int64_t queue_limit = 256;
  int64_t database_pool = 4;
  int64_t avatar_max_bytes = 2 * 1024 * 1024;
  int64_t login_rate_window = 60;
  int64_t login_rate_max_per_ip = 20;
  int64_t login_rate_max_per_account = 10;
  int64_t register_rate_window = 3600;
  int64_t register_rate_max_per_ip = 20;
  int64_t register_rate_max_per_account = 5;
  int64_t lockout_threshold = 5;
  int64_t lockout_window = 900;
  int64_t lockout_seconds = 900;
  // "auto" = Secure cookies when public_url is https; "true"/"false".
  std::string cookie_secure = "auto";
  std::string admin_username;
  std::string admin_password;
  std::string admin_email;

  using WarnFn = std::function<void(const std::string &)>;
  // Reads `path` (a missing file means all defaults) and the environment.
  // Throws ConfigError for a malformed file, a bad value, or a JWT secret
  // that is missing, shorter than 32 bytes, or the sample one outside
  // development mode (`warn` is told when the sample is accepted).
  static AuthConfig load(const std::string &path, bool development, const WarnFn &warn);
  // The secret rules alone (also used by the unit tests).
  static void check_secret(const std::string &secret, bool development, const WarnFn &warn);
};

}  // namespace meetgate::auth
