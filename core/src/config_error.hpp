// A configuration problem, reported as "WHERE: key 'x': problem" where WHERE
// is "FILE:LINE", "FILE" or the environment variable that set the key.
#pragma once

#include <stdexcept>
#include <string>

namespace meetgate::core {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string &where, const std::string &key, const std::string &problem)
      : std::runtime_error(key.empty() ? where + ": " + problem
                                       : where + ": key '" + key + "': " + problem) {}
};

}  // namespace meetgate::core
