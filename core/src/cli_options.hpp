// The daemon's command line.
#pragma once

#include <stdexcept>
#include <string>

namespace meetgate::core {

struct CliOptions {
  bool help = false;
  bool version = false;
  bool check_config = false;
  std::string config_dir;   // "" = InstallPaths::default_config_dir()
  std::string plugins_dir;  // "" = from the config
  std::string transports_dir;
  std::string data_dir;

  // Throws std::invalid_argument with a message for the user.
  static CliOptions parse(int argc, const char *const argv[]);
  static std::string usage(const std::string &program);
};

}  // namespace meetgate::core
