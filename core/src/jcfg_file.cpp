#include "jcfg_file.hpp"

#include <filesystem>

#include "config_error.hpp"

namespace meetgate::core {

JcfgFile::JcfgFile(const std::string &path) : path_(path) {
  config_init(&config_);
  if (config_read_file(&config_, path.c_str()) == CONFIG_TRUE) return;
  std::string where = path;
  std::string problem;
  if (config_error_type(&config_) == CONFIG_ERR_FILE_IO) {
    problem = "cannot read the file";
  } else {
    where += ":" + std::to_string(config_error_line(&config_));
    problem = std::string("syntax error: ") +
              (config_error_text(&config_) ? config_error_text(&config_) : "?");
  }
  config_destroy(&config_);
  throw ConfigError(where, "", problem);
}

JcfgFile::~JcfgFile() {
  config_destroy(&config_);
}

std::string JcfgFile::where(const config_setting_t *setting) const {
  return path_ + ":" + std::to_string(config_setting_source_line(setting));
}

bool module_enabled_in(const std::string &path) {
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) return true;
  JcfgFile file(path);
  const config_setting_t *general = config_setting_get_member(file.root(), "general");
  if (general == nullptr) return true;
  const config_setting_t *enabled = config_setting_get_member(general, "enabled");
  if (enabled == nullptr) return true;
  if (config_setting_type(enabled) != CONFIG_TYPE_BOOL) {
    throw ConfigError(file.where(enabled), "general.enabled", "expected a boolean (true/false)");
  }
  return config_setting_get_bool(enabled) != 0;
}

}  // namespace meetgate::core
