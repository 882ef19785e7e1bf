#include "auth_context.hpp"

#include <filesystem>
#include <stdexcept>

namespace meetgate::auth {
namespace {

std::string core_setting(const mg_core_callbacks *core, const char *key) {
  const char *value = core->setting ? core->setting(key) : nullptr;
  return value ? value : "";
}

std::unique_ptr<storage::Database> open_database(const mg_core_callbacks *core, int64_t pool) {
  std::string url = core_setting(core, "database_url");
  if (url.empty()) {
    const std::string data_dir = core_setting(core, "data_dir");
    if (data_dir.empty()) throw std::runtime_error("core gave neither database_url nor data_dir");
    url = "sqlite://" + (std::filesystem::path(data_dir) / "meetgate.db").string();
  }
  return storage::Database::open(url, static_cast<size_t>(pool));
}

std::filesystem::path avatar_dir(const mg_core_callbacks *core) {
  std::string data_dir = core_setting(core, "data_dir");
  if (data_dir.empty()) data_dir = "./data";
  return std::filesystem::path(data_dir) / "avatars";
}

}  // namespace

AuthContext::AuthContext(const mg_core_callbacks *core_callbacks, mg_plugin *plugin,
                         AuthConfig settings)
    : core(core_callbacks),
      self(plugin),
      config(std::move(settings)),
      db(open_database(core, config.database_pool)),
      kv(storage::KeyValue::open(core_setting(core, "redis_url"),
                                 [this](int level, const std::string &line) {
                                   log(static_cast<mg_log_level>(level), line);
                                 })),
      users(*db),
      hasher(static_cast<unsigned long long>(config.argon2_opslimit),
             static_cast<size_t>(config.argon2_memlimit_kib) * 1024),
      codec(config.jwt_secret, config.jwt_issuer),
      revocation(*kv, users),
      tokens(codec, revocation, config.access_token_ttl, config.refresh_token_ttl),
      limiter(*kv),
      lockout(*kv, config.lockout_threshold, config.lockout_window, config.lockout_seconds),
      avatars(avatar_dir(core)) {
  users.migrate();
  const std::string public_url = setting("public_url");
  secure_cookies_ = config.cookie_secure == "true" ||
                    (config.cookie_secure == "auto" && public_url.starts_with("https://"));
}

std::string AuthContext::setting(const char *key) const {
  return core_setting(core, key);
}

void AuthContext::log(mg_log_level level, const std::string &line) const {
  core->log(self, level, "%s", line.c_str());
}

std::string AuthContext::avatar_url(const std::string &name) const {
  // Relative to the gateway: it works behind any proxy and public_url.
  return std::string(AvatarStore::kUrlPrefix) + name;
}

std::string AuthContext::access_cookie(const std::string &token, int64_t max_age) const {
  return "access_token=" + token + "; Path=/; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Lax" + (secure_cookies_ ? "; Secure" : "");
}

std::string AuthContext::csrf_cookie(const std::string &token) const {
  return "csrf_token=" + token + "; Path=/; SameSite=Lax" + (secure_cookies_ ? "; Secure" : "");
}

}  // namespace meetgate::auth
