// The whole configuration pipeline of the daemon: meetgate.jcfg, then MEETGATE_*
// environment, then the command line, then validation, then the derived
// values (absolute data dir, node id, ws_url, module dirs).
#pragma once

#include "cli_options.hpp"
#include "core_config.hpp"

namespace meetgate::core {

class ConfigResolver {
 public:
  // File + env + CLI + validate. Throws ConfigError. Touches no file system
  // state (used by --check-config too).
  static CoreConfig read(const CliOptions &options);
  // Fills derived values and creates the data dir. Throws ConfigError.
  static void finalize(CoreConfig &config);
  // "ws://<host of public_url>:<MEETGATE_WS_PORT or 8081>".
  static std::string derive_ws_url(const std::string &public_url, const char *ws_port);
};

}  // namespace meetgate::core
