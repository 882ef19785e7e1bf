// The values plugins and transports read through the setting() callback.
// Built once before any module loads and never changed, so the returned
// strings stay valid for the life of the process.
#pragma once

#include <map>
#include <string>

#include "core_config.hpp"

namespace meetgate::core {

class CoreSettings {
 public:
  CoreSettings() = default;
  explicit CoreSettings(const CoreConfig &config);
  const char *get(std::string_view key) const;  // nullptr if unknown

  // "sqlite:///<data_dir>/meetgate.db" when the configured URL is empty.
  static std::string resolve_database_url(const CoreConfig &config);

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace meetgate::core
