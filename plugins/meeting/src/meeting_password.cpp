#include "meeting_password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace meetgate::meeting {
namespace {
// OWASP's Argon2id floor (19 MiB, 2 passes): a meeting password guards one
// meeting and is checked on every join, so the interactive 64 MiB profile
// would cost more memory under a burst of joins than it buys.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024u * 1024u;
}  // namespace

bool MeetingPassword::initialise() {
  return sodium_init() >= 0;
}

std::string MeetingPassword::hash(const std::string &password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool MeetingPassword::verify(const std::string &stored_hash, const std::string &password) {
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace meetgate::meeting
