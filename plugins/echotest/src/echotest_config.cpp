#include "echotest_config.hpp"

#include <libconfig.h>

#include <filesystem>
#include <memory>

namespace meetgate::echotest {

namespace {

struct ConfigDeleter {
  void operator()(config_t *config) const {
    config_destroy(config);
    delete config;
  }
};
using ConfigPtr = std::unique_ptr<config_t, ConfigDeleter>;

// A boolean key: absent keeps `value`; present with another type is an error.
bool read_bool(const config_t *config, const char *key, bool &value, std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (setting == nullptr) {
    return true;
  }
  if (config_setting_type(setting) != CONFIG_TYPE_BOOL) {
    error = std::string(key) + " must be true or false";
    return false;
  }
  value = config_setting_get_bool(setting) != 0;
  return true;
}

bool read_size(const config_t *config, const char *key, size_t &value, std::string &error) {
  const config_setting_t *setting = config_lookup(config, key);
  if (setting == nullptr) {
    return true;
  }
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

}  // namespace

bool load_echotest_config(const char *path, EchoTestConfig &config, std::string &error) {
  if (path == nullptr || !std::filesystem::exists(path)) {
    return true;  // no file: defaults
  }
  ConfigPtr parsed(new config_t);
  config_init(parsed.get());
  if (config_read_file(parsed.get(), path) != CONFIG_TRUE) {
    error = std::string(path) + ":" + std::to_string(config_error_line(parsed.get())) + ": " +
            config_error_text(parsed.get());
    return false;
  }
  return read_bool(parsed.get(), "general.enabled", config.enabled, error) &&
         read_size(parsed.get(), "general.max_body", config.max_body, error) &&
         read_bool(parsed.get(), "general.echo_media", config.echo_media, error);
}

}  // namespace meetgate::echotest
