// MEETGATE_* environment variables that override meetgate.jcfg (the table in
// docs/CONVENTIONS.md). Each overridden key remembers the variable as its
// origin, so a bad value is reported as "MEETGATE_X: key 'y': problem".
#pragma once

#include <functional>

#include "core_config.hpp"

namespace meetgate::core {

class EnvOverrides {
 public:
  using Lookup = std::function<const char *(const char *name)>;

  // `lookup` defaults to getenv; throws ConfigError on a malformed value.
  static void apply(CoreConfig &config, const Lookup &lookup = {});
};

}  // namespace meetgate::core
