// What a username and an email address may look like.
#pragma once

#include <string>
#include <string_view>

namespace meetgate::auth {

class IdentityRules {
 public:
  // 3-20 characters of [A-Za-z0-9_].
  static bool is_valid_username(std::string_view username);
  // A pragmatic RFC 5321 subset: local@domain, at most 100 characters (the
  // column size), local part of atext and dots (no leading/trailing/double
  // dot), a domain of at least two dot-separated labels of [A-Za-z0-9-]
  // not starting or ending with '-', and an alphabetic top-level label.
  static bool is_valid_email(std::string_view email);
  // Emails are stored lower-cased so uniqueness is case-insensitive.
  static std::string normalize_email(std::string_view email);
  // A nickname: at most 100 bytes of UTF-8 without control characters.
  static bool is_valid_nickname(std::string_view nickname);
};

}  // namespace meetgate::auth
