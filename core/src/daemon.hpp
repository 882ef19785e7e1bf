// The daemon's life: signals blocked first, configuration, then the Gateway
// started, run until SIGINT/SIGTERM, and stopped in order.
#pragma once

#include "cli_options.hpp"

namespace meetgate::core {

class Daemon {
 public:
  // The process exit code: 0 clean stop, 1 a transport failed to start (or
  // none exists), 2 malformed configuration.
  static int run(const CliOptions &options);
};

}  // namespace meetgate::core
