#include "videoroom_config.hpp"

#include <libconfig.h>

#include <filesystem>
#include <memory>

namespace meetgate::videoroom {

namespace {

struct ConfigDeleter {
  void operator()(config_t *config) const {
    config_destroy(config);
    delete config;
  }
};
using ConfigPtr = std::unique_ptr<config_t, ConfigDeleter>;

bool read_bool(const config_t *config, const char *key, bool &value, std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (setting == nullptr) return true;
  if (config_setting_type(setting) != CONFIG_TYPE_BOOL) {
    error = std::string(key) + " must be true or false";
    return false;
  }
  value = config_setting_get_bool(setting) != 0;
  return true;
}

bool read_size(const config_t *config, const char *key, size_t &value, std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (setting == nullptr) return true;
  const int type = config_setting_type(setting);
  if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
    error = std::string(key) + " must be an integer";
    return false;
  }
  const long long number = config_setting_get_int64(setting);
  if (number <= 0) {
    error = std::string(key) + " must be positive";
    return false;
  }
  value = static_cast<size_t>(number);
  return true;
}

bool read_string(const config_t *config, const char *key, std::string &value, std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (setting == nullptr) return true;
  if (config_setting_type(setting) != CONFIG_TYPE_STRING) {
    error = std::string(key) + " must be a string";
    return false;
  }
  value = config_setting_get_string(setting);
  return true;
}

bool read_strings(const config_t *config, const char *key, std::vector<std::string> &value,
                  std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (setting == nullptr) return true;
  if (!config_setting_is_aggregate(setting)) {
    error = std::string(key) + " must be a list of strings";
    return false;
  }
  value.clear();
  for (int i = 0; i < config_setting_length(setting); ++i) {
    const char *text = config_setting_get_string_elem(setting, i);
    if (text == nullptr) {
      error = std::string(key) + " must be a list of strings";
      return false;
    }
    value.emplace_back(text);
  }
  return true;
}

}  // namespace

bool load_videoroom_config(const char *path, VideoRoomConfig &config, std::string &error) {
  if (path == nullptr || !std::filesystem::exists(path)) return true;
  ConfigPtr parsed(new config_t);
  config_init(parsed.get());
  if (config_read_file(parsed.get(), path) != CONFIG_TRUE) {
    error = std::string(path) + ":" + std::to_string(config_error_line(parsed.get())) + ": " +
            config_error_text(parsed.get());
    return false;
  }
  const config_t *c = parsed.get();
  return read_bool(c, "general.enabled", config.enabled, error) &&
         read_string(c, "general.www_dir", config.www_dir, error) &&
         read_size(c, "general.max_chat_length", config.max_chat_length, error) &&
         read_size(c, "general.chat_history_limit", config.chat_history_limit, error) &&
         read_size(c, "general.max_tracks_per_publisher", config.max_publishers_tracks, error) &&
         read_size(c, "general.active_speaker_interval_ms", config.active_speaker_interval_ms,
                   error) &&
         read_size(c, "general.active_speaker_max_dbov", config.active_speaker_max_dbov, error) &&
         read_size(c, "general.db_pool_size", config.db_pool_size, error) &&
         read_bool(c, "general.sfu", config.sfu, error) &&
         read_strings(c, "general.ice_servers", config.ice_servers, error);
}

}  // namespace meetgate::videoroom
