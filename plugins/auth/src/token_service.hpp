// Issues access/refresh token pairs and verifies tokens: signature and
// claims (JwtCodec), then revocation (TokenRevocation): the user's token
// version must be current and the jti must not be revoked.
#pragma once

#include <cstdint>
#include <string>

#include "jwt_codec.hpp"
#include "token_revocation.hpp"
#include "user_record.hpp"

namespace meetgate::auth {

class TokenService {
 public:
  TokenService(JwtCodec &codec, TokenRevocation &revocation, int64_t access_ttl,
               int64_t refresh_ttl)
      : codec_(codec),
        revocation_(revocation),
        access_ttl_(access_ttl),
        refresh_ttl_(refresh_ttl) {}

  struct Pair {
    std::string access_token;
    std::string refresh_token;
    int64_t access_expires_at = 0;
    int64_t refresh_expires_at = 0;
  };
  Pair issue(const UserRecord &user);

  // Throws ApiError(401) for an invalid, expired or revoked token.
  TokenClaims verify(const std::string &token, TokenType type);

  // The login/refresh answer: tokens, lifetimes and the user's profile.
  // Returns a new reference.
  json_t *pair_json(const Pair &pair, const UserRecord &user) const;

  int64_t access_ttl() const { return access_ttl_; }
  static int64_t now();

 private:
  JwtCodec &codec_;
  TokenRevocation &revocation_;
  int64_t access_ttl_;
  int64_t refresh_ttl_;
};

}  // namespace meetgate::auth
