// Argon2id password hashes through libsodium's crypto_pwhash_str (the
// encoded string carries salt and parameters, so old hashes keep verifying
// after the limits change).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace meetgate::auth {

class PasswordHasher {
 public:
  // opslimit/memlimit (bytes) are clamped to libsodium's accepted range.
  PasswordHasher(unsigned long long opslimit, size_t memlimit);

  // Throws std::runtime_error when memory for hashing cannot be allocated.
  std::string hash(std::string_view password) const;
  bool verify(const std::string &encoded, std::string_view password) const;
  // True when `encoded` was made with other parameters (rehash on login).
  bool needs_rehash(const std::string &encoded) const;

 private:
  unsigned long long opslimit_;
  size_t memlimit_;
};

}  // namespace meetgate::auth
