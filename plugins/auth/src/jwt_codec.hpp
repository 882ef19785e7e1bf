// Issues and checks HS256 JWTs with libjwt. Checks signature, algorithm,
// issuer, expiry and token type; revocation is TokenRevocation's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "token_claims.hpp"

namespace meetgate::auth {

class JwtCodec {
 public:
  enum class Failure { kMalformed, kBadSignature, kWrongIssuer, kExpired, kWrongType };

  // `secret` must be at least 32 bytes (AuthConfig enforces it).
  JwtCodec(std::string secret, std::string issuer);

  // Encodes `claims` (jti, iat, exp must be set). Throws std::runtime_error
  // only if libjwt cannot allocate.
  std::string encode(const TokenClaims &claims) const;

  struct Verified {
    std::optional<TokenClaims> claims;
    Failure failure = Failure::kMalformed;
  };
  Verified decode(const std::string &token, TokenType expected, int64_t now) const;

  static const char *describe(Failure failure);
  // A random 128-bit id as 32 hex characters (libsodium randombytes).
  static std::string new_jti();

 private:
  std::string secret_;
  std::string issuer_;
};

}  // namespace meetgate::auth
