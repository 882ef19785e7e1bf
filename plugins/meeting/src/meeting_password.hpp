// Meeting passwords, stored as libsodium Argon2id strings
// (crypto_pwhash_str_alg): salt and parameters travel inside the string.
#pragma once

#include <string>

namespace meetgate::meeting {

class MeetingPassword {
 public:
  // Calls sodium_init(); false if libsodium cannot start.
  static bool initialise();
  // Throws std::runtime_error when out of memory.
  static std::string hash(const std::string &password);
  static bool verify(const std::string &stored_hash, const std::string &password);
};

}  // namespace meetgate::meeting
