#include "config_loader.hpp"

#include <climits>
#include <filesystem>
#include <variant>

#include "config_error.hpp"
#include "jcfg_file.hpp"
#include "logger.hpp"

namespace meetgate::core {
namespace {

using StringField = std::string &(*)(CoreConfig &);
using IntField = int &(*)(CoreConfig &);
using BoolField = bool &(*)(CoreConfig &);
using ListField = std::vector<std::string> &(*)(CoreConfig &);

struct KeySpec {
  const char *section;
  const char *name;
  std::variant<StringField, IntField, BoolField, ListField> field;
};

#define MG_STRING(section, name, member)                      \
  KeySpec {                                                   \
    section, name, StringField {                              \
      [](CoreConfig &c) -> std::string & { return c.member; } \
    }                                                         \
  }
#define MG_INT(section, name, member)                 \
  KeySpec {                                           \
    section, name, IntField {                         \
      [](CoreConfig &c) -> int & { return c.member; } \
    }                                                 \
  }
#define MG_BOOL(section, name, member)                 \
  KeySpec {                                            \
    section, name, BoolField {                         \
      [](CoreConfig &c) -> bool & { return c.member; } \
    }                                                  \
  }
#define MG_LIST(section, name, member)                                     \
  KeySpec {                                                                \
    section, name, ListField {                                             \
      [](CoreConfig &c) -> std::vector<std::string> & { return c.member; } \
    }                                                                      \
  }

const KeySpec kKeys[] = {
    MG_STRING("general", "data_dir", general.data_dir),
    MG_STRING("general", "plugins_dir", general.plugins_dir),
    MG_STRING("general", "transports_dir", general.transports_dir),
    MG_STRING("general", "log_level", general.log_level),
    MG_STRING("general", "node_id", general.node_id),
    MG_BOOL("general", "development", general.development),
    MG_STRING("general", "public_url", general.public_url),
    MG_STRING("general", "ws_url", general.ws_url),
    MG_LIST("plugins", "disable", disabled_plugins),
    MG_LIST("transports", "disable", disabled_transports),
    MG_STRING("storage", "database_url", storage.database_url),
    MG_INT("storage", "pool_size", storage.pool_size),
    MG_STRING("redis", "url", redis_url),
    MG_INT("media", "workers", media.engine.workers),
    MG_STRING("media", "interfaces", media.engine.interfaces),
    MG_STRING("media", "public_ip", media.engine.public_ip),
    MG_STRING("media", "stun_server", media.engine.stun_server),
    MG_STRING("media", "turn_server", media.engine.turn_server),
    MG_STRING("media", "turn_user", media.engine.turn_user),
    MG_STRING("media", "turn_password", media.engine.turn_password),
    MG_INT("media", "rtp_port_min", media.engine.rtp_port_min),
    MG_INT("media", "rtp_port_max", media.engine.rtp_port_max),
    MG_BOOL("media", "ice_lite", media.engine.ice_lite),
    MG_INT("media", "ice_timeout", media.engine.ice_timeout_seconds),
    MG_STRING("media", "dtls_cert", media.dtls_cert_file),
    MG_STRING("media", "dtls_key", media.dtls_key_file),
    MG_BOOL("media", "allow_loopback", media.engine.allow_loopback),
    MG_STRING("admin", "secret", admin_secret),
};

#undef MG_STRING
#undef MG_INT
#undef MG_BOOL
#undef MG_LIST

const KeySpec *find_key(std::string_view section, std::string_view name) {
  for (const KeySpec &spec : kKeys) {
    if (section == spec.section && name == spec.name) return &spec;
  }
  return nullptr;
}

bool known_section(std::string_view section) {
  for (const KeySpec &spec : kKeys) {
    if (section == spec.section) return true;
  }
  return false;
}

void assign(CoreConfig &config, const KeySpec &spec, const config_setting_t *setting,
            const std::string &where, const std::string &key) {
  const int type = config_setting_type(setting);
  if (auto *field = std::get_if<StringField>(&spec.field)) {
    if (type != CONFIG_TYPE_STRING) throw ConfigError(where, key, "expected a string");
    (*field)(config) = config_setting_get_string(setting);
  } else if (auto *int_field = std::get_if<IntField>(&spec.field)) {
    if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
      throw ConfigError(where, key, "expected an integer");
    }
    const long long value = config_setting_get_int64(setting);
    if (value < INT_MIN || value > INT_MAX) throw ConfigError(where, key, "integer out of range");
    (*int_field)(config) = static_cast<int>(value);
  } else if (auto *bool_field = std::get_if<BoolField>(&spec.field)) {
    if (type != CONFIG_TYPE_BOOL) throw ConfigError(where, key, "expected a boolean (true/false)");
    (*bool_field)(config) = config_setting_get_bool(setting) != 0;
  } else {
    if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
      throw ConfigError(where, key, "expected a list of strings, e.g. [\"meetgate.plugin.ai\"]");
    }
    std::vector<std::string> &list = std::get<ListField>(spec.field)(config);
    list.clear();
    for (int i = 0; i < config_setting_length(setting); ++i) {
      const char *item = config_setting_get_string_elem(setting, i);
      if (item == nullptr) throw ConfigError(where, key, "expected a list of strings");
      list.emplace_back(item);
    }
  }
}

void read_section(CoreConfig &config, const JcfgFile &file, const config_setting_t *section) {
  const std::string section_name = config_setting_name(section);
  if (!known_section(section_name)) {
    throw ConfigError(file.where(section), section_name,
                      "unknown section (known: general, plugins, transports, storage, redis, "
                      "media, admin)");
  }
  if (config_setting_type(section) != CONFIG_TYPE_GROUP) {
    throw ConfigError(file.where(section), section_name, "expected a group { ... }");
  }
  for (int i = 0; i < config_setting_length(section); ++i) {
    const config_setting_t *setting = config_setting_get_elem(section, i);
    const std::string key = section_name + "." + config_setting_name(setting);
    const KeySpec *spec = find_key(section_name, config_setting_name(setting));
    if (spec == nullptr) throw ConfigError(file.where(setting), key, "unknown key");
    assign(config, *spec, setting, file.where(setting), key);
    config.origins[key] = file.where(setting);
  }
}

void require_range(const CoreConfig &config, const std::string &key, int value, int min, int max) {
  if (value < min || value > max) {
    throw ConfigError(config.origin_of(key), key,
                      "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
}

void require_scheme(const CoreConfig &config, const std::string &key, const std::string &value,
                    std::initializer_list<std::string_view> schemes) {
  if (value.empty()) return;
  for (std::string_view scheme : schemes) {
    if (value.starts_with(scheme)) return;
  }
  std::string expected;
  for (std::string_view scheme : schemes)
    expected += (expected.empty() ? "" : ", ") + std::string(scheme);
  throw ConfigError(config.origin_of(key), key,
                    "'" + value + "' must start with one of: " + expected);
}

}  // namespace

CoreConfig ConfigLoader::load(const std::string &config_dir) {
  CoreConfig config;
  config.config_dir = config_dir;
  config.config_file = (std::filesystem::path(config_dir) / "meetgate.jcfg").string();
  std::error_code error;
  if (!std::filesystem::is_directory(config_dir, error)) {
    throw ConfigError(config_dir, "", "config dir does not exist");
  }
  if (!std::filesystem::exists(config.config_file, error)) return config;
  JcfgFile file(config.config_file);
  const config_setting_t *root = file.root();
  for (int i = 0; i < config_setting_length(root); ++i) {
    read_section(config, file, config_setting_get_elem(root, i));
  }
  return config;
}

void ConfigLoader::validate(const CoreConfig &config) {
  if (!Logger::parse_level(config.general.log_level)) {
    throw ConfigError(config.origin_of("general.log_level"), "general.log_level",
                      "'" + config.general.log_level + "' is not one of error, warn, info, debug");
  }
  if (config.general.data_dir.empty()) {
    throw ConfigError(config.origin_of("general.data_dir"), "general.data_dir",
                      "must not be empty");
  }
  require_scheme(config, "general.public_url", config.general.public_url, {"http://", "https://"});
  require_scheme(config, "general.ws_url", config.general.ws_url, {"ws://", "wss://"});
  require_scheme(config, "storage.database_url", config.storage.database_url,
                 {"sqlite:", "postgres://", "postgresql://"});
  require_scheme(config, "redis.url", config.redis_url, {"redis://", "rediss://", "unix://"});
  require_range(config, "storage.pool_size", config.storage.pool_size, 1, 1024);
  const media::EngineConfig &engine = config.media.engine;
  require_range(config, "media.workers", engine.workers, 0, 256);
  require_range(config, "media.rtp_port_min", engine.rtp_port_min, 1, 65535);
  require_range(config, "media.rtp_port_max", engine.rtp_port_max, 1, 65535);
  if (engine.rtp_port_min > engine.rtp_port_max) {
    throw ConfigError(
        config.origin_of("media.rtp_port_max"), "media.rtp_port_max",
        "must not be below media.rtp_port_min (" + std::to_string(engine.rtp_port_min) + ")");
  }
  require_range(config, "media.ice_timeout", engine.ice_timeout_seconds, 1, 3600);
  if (config.media.dtls_cert_file.empty() != config.media.dtls_key_file.empty()) {
    throw ConfigError(config.origin_of("media.dtls_cert"), "media.dtls_cert",
                      "media.dtls_cert and media.dtls_key must be set together");
  }
}

}  // namespace meetgate::core
