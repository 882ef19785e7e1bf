#include "ai_config.hpp"

#include <libconfig.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

namespace meetgate::ai {
namespace {

struct ConfigDeleter {
  void operator()(config_t *config) const {
    config_destroy(config);
    delete config;
  }
};

class Reader {
 public:
  Reader(const config_t *config, std::string &error) : config_(config), error_(error) {}

  bool flag(const char *key, bool &value) {
    const config_setting_t *setting = config_lookup(config_, key);
    if (!setting) return true;
    if (config_setting_type(setting) != CONFIG_TYPE_BOOL) return fail(key, "must be true or false");
    value = config_setting_get_bool(setting) != 0;
    return true;
  }

  template <typename Number>
  bool number(const char *key, int64_t low, int64_t high, Number &value) {
    const config_setting_t *setting = config_lookup(config_, key);
    if (!setting) return true;
    int type = config_setting_type(setting);
    if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64)
      return fail(key, "must be an integer");
    long long read = config_setting_get_int64(setting);
    if (read < low || read > high)
      return fail(key, "must be between " + std::to_string(low) + " and " + std::to_string(high));
    value = static_cast<Number>(read);
    return true;
  }

  bool text(const char *key, std::string &value) {
    const config_setting_t *setting = config_lookup(config_, key);
    if (!setting) return true;
    const char *read = config_setting_get_string(setting);
    if (!read || !*read) return fail(key, "must be a non-empty string");
    value = read;
    return true;
  }

 private:
  bool fail(const char *key, const std::string &why) {
    error_ = std::string(key) + " " + why;
    return false;
  }
  const config_t *config_;
  std::string &error_;
};

bool read_all(Reader &in, AiConfig &c) {
  return in.flag("general.enabled", c.enabled) && in.text("general.endpoint", c.endpoint) &&
         in.number("general.workers", 1, 64, c.workers) &&
         in.number("general.max_pending_tasks", 1, 100000, c.max_pending_tasks) &&
         in.number("general.task_timeout_ms", 100, 3600000, c.task_timeout_ms) &&
         in.number("general.max_body", 1024, int64_t(1) << 30, c.max_body) &&
         in.text("general.asr_model", c.asr_model) &&
         in.text("general.asr_language", c.asr_language) &&
         in.text("general.faces_model", c.faces_model) &&
         in.text("general.audio_quality_model", c.audio_quality_model) &&
         in.text("general.video_quality_model", c.video_quality_model) &&
         in.number("general.live_frame_rate", 1, 30, c.live_frame_rate) &&
         in.number("general.live_frame_width", 0, 4096, c.live_frame_width) &&
         in.number("general.live_audio_chunk_ms", 100, 10000, c.live_audio_chunk_ms) &&
         in.number("general.live_max_in_flight", 1, 64, c.live_max_in_flight) &&
         in.number("general.live_report_interval_ms", 100, 600000, c.live_report_interval_ms);
}

}  // namespace

bool AiConfig::load(const char *path, AiConfig &config, std::string &error) {
  if (path && *path && std::filesystem::exists(path)) {
    std::unique_ptr<config_t, ConfigDeleter> parsed(new config_t);
    config_init(parsed.get());
    if (config_read_file(parsed.get(), path) != CONFIG_TRUE) {
      error = std::string(path) + ":" + std::to_string(config_error_line(parsed.get())) + ": " +
              config_error_text(parsed.get());
      return false;
    }
    Reader reader(parsed.get(), error);
    if (!read_all(reader, config)) return false;
  }
  if (const char *endpoint = std::getenv("MEETGATE_INFER_ENDPOINT"); endpoint && *endpoint)
    config.endpoint = endpoint;
  return true;
}

}  // namespace meetgate::ai
