#include "meeting_config.hpp"

#include <libconfig.h>

#include <filesystem>
#include <memory>

namespace meetgate::meeting {
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
  if (!setting) return true;
  if (config_setting_type(setting) != CONFIG_TYPE_BOOL) {
    error = std::string(key) + " must be true or false";
    return false;
  }
  value = config_setting_get_bool(setting) != 0;
  return true;
}

bool read_int(const config_t *config, const char *key, int64_t low, int64_t high, int64_t &value,
              std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (!setting) return true;
  int type = config_setting_type(setting);
  if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
    error = std::string(key) + " must be an integer";
    return false;
  }
  long long number = config_setting_get_int64(setting);
  if (number < low || number > high) {
    error = std::string(key) + " must be between " + std::to_string(low) + " and " +
            std::to_string(high);
    return false;
  }
  value = number;
  return true;
}

bool read_size(const config_t *config, const char *key, int64_t low, int64_t high, size_t &value,
               std::string &error) {
  int64_t number = static_cast<int64_t>(value);
  if (!read_int(config, key, low, high, number, error)) return false;
  value = static_cast<size_t>(number);
  return true;
}

bool read_string(const config_t *config, const char *key, std::string &value, std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (!setting) return true;
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
  if (!setting) return true;
  if (!config_setting_is_aggregate(setting)) {
    error = std::string(key) + " must be a list of strings";
    return false;
  }
  value.clear();
  for (int i = 0; i < config_setting_length(setting); ++i) {
    const char *text = config_setting_get_string_elem(setting, i);
    if (!text) {
      error = std::string(key) + " must be a list of strings";
      return false;
    }
    value.emplace_back(text);
  }
  return true;
}

}  // namespace

bool MeetingConfig::load(const char *path, MeetingConfig &config, std::string &error) {
  if (!path || !std::filesystem::exists(path)) return true;
  ConfigPtr parsed(new config_t);
  config_init(parsed.get());
  if (config_read_file(parsed.get(), path) != CONFIG_TRUE) {
    error = std::string(path) + ":" + std::to_string(config_error_line(parsed.get())) + ": " +
            config_error_text(parsed.get());
    return false;
  }
  const config_t *c = parsed.get();
  bool ok = read_bool(c, "general.enabled", config.enabled, error) &&
            read_size(c, "general.workers", 1, 64, config.workers, error) &&
            read_size(c, "general.db_pool_size", 0, 256, config.db_pool_size, error) &&
            read_int(c, "general.max_participants_limit", 1, 100000, config.max_participants_limit,
                     error) &&
            read_int(c, "general.default_max_participants", 1, 100000,
                     config.default_max_participants, error) &&
            read_string(c, "general.signaling_path", config.signaling_path, error) &&
            read_strings(c, "general.ice_servers", config.ice_servers, error) &&
            read_size(c, "general.max_body", 1024, 16 * 1024 * 1024, config.max_body, error);
  if (ok && config.default_max_participants > config.max_participants_limit) {
    error = "general.default_max_participants must not exceed general.max_participants_limit";
    return false;
  }
  return ok;
}

}  // namespace meetgate::meeting
