// RAII wrapper of a parsed libconfig (.jcfg) file.
#pragma once

#include <libconfig.h>

#include <string>

namespace meetgate::core {

class JcfgFile {
 public:
  // Parses `path`; throws ConfigError "FILE:LINE: syntax error: ..." when the
  // file is malformed or unreadable.
  explicit JcfgFile(const std::string &path);
  ~JcfgFile();
  JcfgFile(const JcfgFile &) = delete;
  JcfgFile &operator=(const JcfgFile &) = delete;

  const config_setting_t *root() const { return config_root_setting(&config_); }
  const std::string &path() const { return path_; }
  // "FILE:LINE" of a setting.
  std::string where(const config_setting_t *setting) const;

 private:
  std::string path_;
  config_t config_;
};

// Is the module whose config file is `path` enabled (general.enabled, default
// true; a missing file means enabled)? Throws ConfigError if malformed.
bool module_enabled_in(const std::string &path);

}  // namespace meetgate::core
