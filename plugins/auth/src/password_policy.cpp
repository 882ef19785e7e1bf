#include "password_policy.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace meetgate::auth {
namespace {

// Lower-cased entries of the most common leaked passwords of 8+ characters
// (shorter ones already fail the length rule). Compared case-insensitively.
constexpr std::string_view kCommonPasswords[] = {
    "password",   "password1",  "password12", "password123",   "password1!", "passw0rd",
    "p@ssw0rd",   "p@ssword",   "p@ssword1",  "pa$$w0rd",      "12345678",   "123456789",
    "1234567890", "0123456789", "87654321",   "11111111",      "00000000",   "88888888",
    "12341234",   "11223344",   "qwertyui",   "qwertyuiop",    "qwerty123",  "qwerty12",
    "qwerty1!",   "1q2w3e4r",   "1q2w3e4r5t", "q1w2e3r4",      "1qaz2wsx",   "zaq12wsx",
    "asdfghjk",   "asdfghjkl",  "zxcvbnm1",   "iloveyou",      "iloveyou1",  "sunshine",
    "sunshine1",  "princess",   "princess1",  "football",      "football1",  "baseball",
    "welcome1",   "welcome123", "admin123",   "administrator", "letmein1",   "letmein123",
    "trustno1",   "superman",   "starwars",   "whatever",      "computer",   "michelle",
    "jennifer",   "abc12345",   "abcd1234",   "abc123456",     "aa123456",   "a1234567",
    "changeme",   "changeme1",  "secret123",  "master123",     "monkey123",  "dragon123",
    "shadow123",  "qazwsxedc",  "test1234",   "welcome@123",   "passport",   "password1234",
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

int character_classes(std::string_view password) {
  bool has_lower = false, has_upper = false, has_digit = false, has_other = false;
  for (unsigned char c : password) {
    if (std::islower(c)) {
      has_lower = true;
    } else if (std::isupper(c)) {
      has_upper = true;
    } else if (std::isdigit(c)) {
      has_digit = true;
    } else {
      has_other = true;  // punctuation, space, any non-ASCII byte
    }
  }
  return int(has_lower) + int(has_upper) + int(has_digit) + int(has_other);
}

}  // namespace

bool PasswordPolicy::is_common(std::string_view password) {
  const std::string candidate = lower(password);
  return std::any_of(std::begin(kCommonPasswords), std::end(kCommonPasswords),
                     [&](std::string_view common) { return lower(common) == candidate; });
}

std::optional<std::string> PasswordPolicy::check(std::string_view password,
                                                 std::string_view username) {
  if (password.size() < kMinLength) return "password must be at least 8 characters";
  if (password.size() > kMaxLength) return "password must be at most 128 characters";
  if (character_classes(password) < 3) {
    return "password must contain 3 of: lowercase, uppercase, digit, symbol";
  }
  if (is_common(password)) return "password is too common";
  if (!username.empty() && lower(password).find(lower(username)) != std::string::npos) {
    return "password must not contain the username";
  }
  return std::nullopt;
}

}  // namespace meetgate::auth
