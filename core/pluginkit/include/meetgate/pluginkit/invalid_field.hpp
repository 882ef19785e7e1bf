// A request field whose value the kit refused (e.g. page=0). It says which
// field and why, so each plugin can turn it into its own 400 wording.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace meetgate::pluginkit {

class InvalidField : public std::invalid_argument {
 public:
  // `why` reads after the field name: "must be a positive integer".
  // `maximum` is the largest value accepted (0 = no bound).
  InvalidField(std::string field, std::string why, int64_t maximum = 0)
      : std::invalid_argument(field + " " + why),
        field_(std::move(field)),
        why_(std::move(why)),
        maximum_(maximum) {}

  const std::string &field() const { return field_; }
  const std::string &why() const { return why_; }
  int64_t maximum() const { return maximum_; }

 private:
  std::string field_;
  std::string why_;
  int64_t maximum_;
};

}  // namespace meetgate::pluginkit
