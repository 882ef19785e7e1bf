#include "config_resolver.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "config_error.hpp"
#include "config_loader.hpp"
#include "env_overrides.hpp"
#include "install_paths.hpp"

namespace meetgate::core {

namespace fs = std::filesystem;

CoreConfig ConfigResolver::read(const CliOptions &options) {
  const std::string config_dir =
      options.config_dir.empty() ? InstallPaths::default_config_dir() : options.config_dir;
  CoreConfig config = ConfigLoader::load(config_dir);
  EnvOverrides::apply(config);
  auto from_cli = [&config](const std::string &value, const char *flag, const std::string &key,
                            std::string &field) {
    if (value.empty()) return;
    field = value;
    config.origins[key] = flag;
  };
  from_cli(options.data_dir, "--data-dir", "general.data_dir", config.general.data_dir);
  from_cli(options.plugins_dir, "--plugins-dir", "general.plugins_dir", config.general.plugins_dir);
  from_cli(options.transports_dir, "--transports-dir", "general.transports_dir",
           config.general.transports_dir);
  ConfigLoader::validate(config);
  return config;
}

std::string ConfigResolver::derive_ws_url(const std::string &public_url, const char *ws_port) {
  std::string host = "localhost";
  const size_t scheme_end = public_url.find("://");
  if (scheme_end != std::string::npos) {
    const std::string rest = public_url.substr(scheme_end + 3);
    // [v6]:port keeps its brackets; host:port and host/path lose the rest.
    const size_t end = rest.starts_with("[") ? rest.find(']') + 1 : rest.find_first_of(":/");
    host = rest.substr(0, end);
    if (host.empty()) host = "localhost";
  }
  const std::string port = ws_port && *ws_port ? ws_port : "8081";
  return "ws://" + host + ":" + port;
}

void ConfigResolver::finalize(CoreConfig &config) {
  GeneralConfig &general = config.general;
  std::error_code error;
  fs::path data_dir = fs::absolute(general.data_dir, error);
  if (!error) fs::create_directories(data_dir, error);
  if (error) {
    throw ConfigError(config.origin_of("general.data_dir"), "general.data_dir",
                      "cannot create '" + general.data_dir + "': " + error.message());
  }
  general.data_dir = fs::weakly_canonical(data_dir, error).string();
  if (general.node_id.empty()) {
    char host[256] = {};
    general.node_id = gethostname(host, sizeof host - 1) == 0 && host[0] ? host : "meetgate";
  }
  if (general.ws_url.empty()) {
    general.ws_url = derive_ws_url(general.public_url, std::getenv("MEETGATE_WS_PORT"));
  }
  if (general.plugins_dir.empty()) general.plugins_dir = InstallPaths::default_plugins_dir();
  if (general.transports_dir.empty()) {
    general.transports_dir = InstallPaths::default_transports_dir();
  }
}

}  // namespace meetgate::core
