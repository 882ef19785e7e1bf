#include "env_overrides.hpp"

#include <charconv>
#include <cstdlib>

#include "config_error.hpp"

namespace meetgate::core {
namespace {

bool parse_bool(std::string_view text, bool &value) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") {
    value = true;
  } else if (text == "0" || text == "false" || text == "no" || text == "off" || text.empty()) {
    value = false;
  } else {
    return false;
  }
  return true;
}

struct Applier {
  CoreConfig &config;
  const EnvOverrides::Lookup &lookup;

  const char *get(const char *variable, const std::string &key) const {
    const char *value = lookup(variable);
    if (value != nullptr) config.origins[key] = variable;
    return value;
  }
  void string(const char *variable, const std::string &key, std::string &field) const {
    if (const char *value = get(variable, key)) field = value;
  }
  void integer(const char *variable, const std::string &key, int &field) const {
    const char *value = get(variable, key);
    if (value == nullptr) return;
    const std::string_view text(value);
    int parsed = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
      throw ConfigError(variable, key, "'" + std::string(text) + "' is not an integer");
    }
    field = parsed;
  }
  void boolean(const char *variable, const std::string &key, bool &field) const {
    const char *value = get(variable, key);
    if (value != nullptr && !parse_bool(value, field)) {
      throw ConfigError(variable, key,
                        "'" + std::string(value) + "' is not a boolean (1/0, true/false)");
    }
  }
};

}  // namespace

void EnvOverrides::apply(CoreConfig &config, const Lookup &lookup) {
  const Lookup getenv_lookup = [](const char *name) -> const char * { return std::getenv(name); };
  const Applier env{config, lookup ? lookup : getenv_lookup};
  env.string("MEETGATE_DATA_DIR", "general.data_dir", config.general.data_dir);
  env.string("MEETGATE_PLUGINS_DIR", "general.plugins_dir", config.general.plugins_dir);
  env.string("MEETGATE_TRANSPORTS_DIR", "general.transports_dir", config.general.transports_dir);
  env.string("MEETGATE_LOG_LEVEL", "general.log_level", config.general.log_level);
  env.boolean("MEETGATE_DEVELOPMENT", "general.development", config.general.development);
  env.string("MEETGATE_PUBLIC_URL", "general.public_url", config.general.public_url);
  env.string("MEETGATE_DATABASE_URL", "storage.database_url", config.storage.database_url);
  env.string("MEETGATE_REDIS_URL", "redis.url", config.redis_url);
  env.string("MEETGATE_PUBLIC_IP", "media.public_ip", config.media.engine.public_ip);
  env.integer("MEETGATE_RTP_PORT_MIN", "media.rtp_port_min", config.media.engine.rtp_port_min);
  env.integer("MEETGATE_RTP_PORT_MAX", "media.rtp_port_max", config.media.engine.rtp_port_max);
}

}  // namespace meetgate::core
