#include "install_paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace meetgate::core {

namespace fs = std::filesystem;

std::string InstallPaths::default_config_dir() {
  if (const char *from_env = std::getenv("MEETGATE_CONFIG_DIR"); from_env && *from_env) {
    return from_env;
  }
  std::error_code error;
  if (fs::is_directory("conf", error)) return "./conf";
  return MEETGATE_INSTALL_FULL_CONF_DIR;
}

std::string InstallPaths::beside_executable_or(const char *relative, const char *installed) {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path candidate = executable.parent_path().parent_path() / relative;
    if (fs::is_directory(candidate, error)) return candidate.string();
  }
  return installed;
}

std::string InstallPaths::default_plugins_dir() {
  return beside_executable_or("lib/meetgate/plugins", MEETGATE_INSTALL_FULL_PLUGIN_DIR);
}

std::string InstallPaths::default_transports_dir() {
  return beside_executable_or("lib/meetgate/transports", MEETGATE_INSTALL_FULL_TRANSPORT_DIR);
}

std::string InstallPaths::version() {
  return MEETGATE_VERSION;
}

}  // namespace meetgate::core
