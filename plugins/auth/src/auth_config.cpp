#include "auth_config.hpp"

#include <libconfig.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

namespace meetgate::auth {
namespace {

struct ConfigDeleter {
  void operator()(config_t *config) const {
    config_destroy(config);
    delete config;
  }
};

void read_int(config_setting_t *section, const char *key, int64_t &out, int64_t min, int64_t max) {
  long long value = 0;
  if (config_setting_lookup_int64(section, key, &value) != CONFIG_TRUE) {
    int small = 0;
    if (config_setting_lookup_int(section, key, &small) != CONFIG_TRUE) {
      if (config_setting_get_member(section, key) != nullptr) {
        throw ConfigError(std::string("general.") + key + " must be an integer");
      }
      return;
    }
    value = small;
  }
  if (value < min || value > max) {
    throw ConfigError(std::string("general.") + key + " must be between " + std::to_string(min) +
                      " and " + std::to_string(max));
  }
  out = value;
}

void read_string(config_setting_t *section, const char *key, std::string &out) {
  const char *value = nullptr;
  if (config_setting_lookup_string(section, key, &value) == CONFIG_TRUE) {
    out = value;
  } else if (config_setting_get_member(section, key) != nullptr) {
    throw ConfigError(std::string("general.") + key + " must be a string");
  }
}

void read_general(config_setting_t *general, AuthConfig &config) {
  int enabled = 1;
  if (config_setting_lookup_bool(general, "enabled", &enabled) == CONFIG_TRUE) {
    config.enabled = enabled != 0;
  }
  read_string(general, "jwt_secret", config.jwt_secret);
  read_string(general, "jwt_issuer", config.jwt_issuer);
  read_string(general, "cookie_secure", config.cookie_secure);
  read_string(general, "admin_username", config.admin_username);
  read_string(general, "admin_password", config.admin_password);
  read_string(general, "admin_email", config.admin_email);
  constexpr int64_t kDay = 24 * 3600;
  read_int(general, "access_token_ttl", config.access_token_ttl, 60, 30 * kDay);
  read_int(general, "refresh_token_ttl", config.refresh_token_ttl, 60, 365 * kDay);
  read_int(general, "argon2_opslimit", config.argon2_opslimit, 1, 32);
  read_int(general, "argon2_memlimit_kib", config.argon2_memlimit_kib, 8, 4 * 1024 * 1024);
  read_int(general, "workers", config.workers, 1, 64);
  read_int(general, "queue_limit", config.queue_limit, 1, 100000);
  read_int(general, "database_pool", config.database_pool, 1, 64);
  read_int(general, "avatar_max_bytes", config.avatar_max_bytes, 1024, 64 * 1024 * 1024);
  read_int(general, "login_rate_window", config.login_rate_window, 1, kDay);
  read_int(general, "login_rate_max_per_ip", config.login_rate_max_per_ip, 0, 1000000);
  read_int(general, "login_rate_max_per_account", config.login_rate_max_per_account, 0, 1000000);
  read_int(general, "register_rate_window", config.register_rate_window, 1, kDay);
  read_int(general, "register_rate_max_per_ip", config.register_rate_max_per_ip, 0, 1000000);
  read_int(general, "register_rate_max_per_account", config.register_rate_max_per_account, 0,
           1000000);
  read_int(general, "lockout_threshold", config.lockout_threshold, 0, 1000);
  read_int(general, "lockout_window", config.lockout_window, 1, kDay);
  read_int(general, "lockout_seconds", config.lockout_seconds, 1, kDay);
}

}  // namespace

void AuthConfig::check_secret(const std::string &secret, bool development, const WarnFn &warn) {
  if (secret.empty()) {
    throw ConfigError("no JWT secret: set general.jwt_secret or MEETGATE_JWT_SECRET");
  }
  if (secret.size() < 32) {
    throw ConfigError("the JWT secret must be at least 32 bytes");
  }
  if (secret == kSampleJwtSecret) {
    if (!development) {
      throw ConfigError(
          "the JWT secret is the sample one from the shipped config; set a real one "
          "(MEETGATE_JWT_SECRET) or run in development mode");
    }
    if (warn) warn("using the SAMPLE JWT secret (development mode only): tokens are forgeable");
  }
}

AuthConfig AuthConfig::load(const std::string &path, bool development, const WarnFn &warn) {
  AuthConfig config;
  std::error_code error;
  if (!path.empty() && std::filesystem::exists(path, error)) {
    std::unique_ptr<config_t, ConfigDeleter> file(new config_t);
    config_init(file.get());
    if (config_read_file(file.get(), path.c_str()) != CONFIG_TRUE) {
      throw ConfigError(path + ":" + std::to_string(config_error_line(file.get())) + ": " +
                        config_error_text(file.get()));
    }
    if (config_setting_t *general = config_lookup(file.get(), "general")) {
      read_general(general, config);
    }
  }
  if (const char *env = std::getenv("MEETGATE_JWT_SECRET"); env != nullptr && *env != '\0') {
    config.jwt_secret = env;
  }
  if (config.enabled) check_secret(config.jwt_secret, development, warn);
  if (config.cookie_secure != "auto" && config.cookie_secure != "true" &&
      config.cookie_secure != "false") {
    throw ConfigError("general.cookie_secure must be \"auto\", \"true\" or \"false\"");
  }
  return config;
}

}  // namespace meetgate::auth
