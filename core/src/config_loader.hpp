// Reads meetgate.jcfg into a CoreConfig: every key typed, unknown sections
// and keys refused, each problem reported as "FILE:LINE: key 'x': problem"
// (ConfigError). Environment overrides and path resolution come after, in
// env_overrides.hpp and Gateway; validate() checks the values last.
#pragma once

#include "core_config.hpp"

namespace meetgate::core {

class ConfigLoader {
 public:
  // <config_dir>/meetgate.jcfg; a missing file leaves the defaults.
  static CoreConfig load(const std::string &config_dir);
  // Values in range and consistent; throws ConfigError naming the origin.
  static void validate(const CoreConfig &config);
};

}  // namespace meetgate::core
