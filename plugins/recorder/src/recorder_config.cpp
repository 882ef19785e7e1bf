#include "recorder_config.hpp"

#include <libconfig.h>

#include <filesystem>
#include <memory>

namespace meetgate::recorder {
namespace {

struct ConfigDeleter {
  void operator()(config_t *config) const {
    config_destroy(config);
    delete config;
  }
};

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

}  // namespace

bool RecorderConfig::load(const char *path, RecorderConfig &config, std::string &error) {
  if (!path || !std::filesystem::exists(path)) return true;
  std::unique_ptr<config_t, ConfigDeleter> file(new config_t);
  config_init(file.get());
  if (!config_read_file(file.get(), path)) {
    error = std::string(path) + ":" + std::to_string(config_error_line(file.get())) + ": " +
            config_error_text(file.get());
    return false;
  }
  constexpr int64_t kTiB = 1LL << 40;
  const config_t *c = file.get();
  return read_bool(c, "general.enabled", config.enabled, error) &&
         read_bool(c, "general.auto_record", config.auto_record, error) &&
         read_int(c, "general.max_upload_bytes", 1, 4LL << 30, config.max_upload_bytes, error) &&
         read_int(c, "general.disk_quota_bytes", 0, 1024 * kTiB, config.disk_quota_bytes, error) &&
         read_int(c, "general.max_recording_seconds", 1, 7 * 86400, config.max_recording_seconds,
                  error) &&
         read_int(c, "general.composite_width", 64, 3840, config.composite_width, error) &&
         read_int(c, "general.composite_height", 64, 2160, config.composite_height, error) &&
         read_int(c, "general.composite_fps", 1, 60, config.composite_fps, error) &&
         read_int(c, "general.composite_bitrate", 50'000, 20'000'000, config.composite_bitrate,
                  error) &&
         read_int(c, "general.stop_deadline_ms", 100, 60'000, config.stop_deadline_ms, error) &&
         read_int(c, "general.workers", 1, 16, config.workers, error);
}

}  // namespace meetgate::recorder
