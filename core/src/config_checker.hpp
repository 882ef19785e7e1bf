// --check-config: validates meetgate.jcfg (syntax, types, unknown keys,
// values) and the syntax and general.enabled of every other *.jcfg in the
// config dir. Every problem is printed as "FILE:LINE: key 'x': problem".
#pragma once

#include <ostream>

#include "cli_options.hpp"

namespace meetgate::core {

class ConfigChecker {
 public:
  // 0 when everything is valid, 2 otherwise.
  static int run(const CliOptions &options, std::ostream &out, std::ostream &errors);
};

}  // namespace meetgate::core
