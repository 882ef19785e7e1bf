#include "core_settings.hpp"

#include "install_paths.hpp"

namespace meetgate::core {

std::string CoreSettings::resolve_database_url(const CoreConfig &config) {
  if (!config.storage.database_url.empty()) return config.storage.database_url;
  return "sqlite://" + config.general.data_dir + "/meetgate.db";
}

CoreSettings::CoreSettings(const CoreConfig &config) {
  values_ = {
      {"data_dir", config.general.data_dir},
      {"database_url", resolve_database_url(config)},
      {"database_pool_size", std::to_string(config.storage.pool_size)},
      {"redis_url", config.redis_url},
      {"public_url", config.general.public_url},
      {"ws_url", config.general.ws_url},
      {"public_ip", config.media.engine.public_ip},
      {"node_id", config.general.node_id},
      {"version", InstallPaths::version()},
      {"development", config.general.development ? "1" : "0"},
      {"config_dir", config.config_dir},
  };
}

const char *CoreSettings::get(std::string_view key) const {
  auto found = values_.find(key);
  return found == values_.end() ? nullptr : found->second.c_str();
}

}  // namespace meetgate::core
