// The password rules: at least 8 characters (at most 128, which bounds the
// hashing work a request can cause), 3 of the 4 character classes (lower,
// upper, digit, other), not a well-known common password, and not the
// username itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace meetgate::auth {

class PasswordPolicy {
 public:
  static constexpr size_t kMinLength = 8;
  static constexpr size_t kMaxLength = 128;

  // nullopt when acceptable, else the reason (for a 400 naming the field).
  static std::optional<std::string> check(std::string_view password,
                                          std::string_view username = {});
  static bool is_common(std::string_view password);
};

}  // namespace meetgate::auth
