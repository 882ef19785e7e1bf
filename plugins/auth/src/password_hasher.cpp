#include "password_hasher.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace meetgate::auth {

PasswordHasher::PasswordHasher(unsigned long long opslimit, size_t memlimit)
    : opslimit_(std::clamp<unsigned long long>(opslimit, crypto_pwhash_OPSLIMIT_MIN,
                                               crypto_pwhash_OPSLIMIT_MAX)),
      memlimit_(
          std::clamp<size_t>(memlimit, crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_MEMLIMIT_MAX)) {}

std::string PasswordHasher::hash(std::string_view password) const {
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), opslimit_, memlimit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory)");
  }
  return std::string(encoded);
}

bool PasswordHasher::verify(const std::string &encoded, std::string_view password) const {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(const std::string &encoded) const {
  return crypto_pwhash_str_needs_rehash(encoded.c_str(), opslimit_, memlimit_) != 0;
}

}  // namespace meetgate::auth
