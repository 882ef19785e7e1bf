// Default locations, baked in at build time and adjusted when the daemon runs
// from a build tree (BUILD/bin/meetgate next to BUILD/lib/meetgate/...).
#pragma once

#include <string>

namespace meetgate::core {

class InstallPaths {
 public:
  // $MEETGATE_CONFIG_DIR, else ./conf if it exists, else SYSCONFDIR/meetgate.
  static std::string default_config_dir();
  // <exe>/../lib/meetgate/plugins if it exists, else LIBDIR/meetgate/plugins.
  static std::string default_plugins_dir();
  static std::string default_transports_dir();
  static std::string version();

 private:
  static std::string beside_executable_or(const char *relative, const char *installed);
};

}  // namespace meetgate::core
