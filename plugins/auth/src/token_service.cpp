#include "token_service.hpp"

#include <chrono>

#include "api_error.hpp"

namespace meetgate::auth {

int64_t TokenService::now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TokenService::Pair TokenService::issue(const UserRecord &user) {
  TokenClaims claims;
  claims.user_id = user.id;
  claims.username = user.username;
  claims.email = user.email;
  claims.role = user.role;
  claims.issued_at = now();
  claims.token_version = user.token_version;
  Pair pair;
  claims.type = TokenType::kAccess;
  claims.jti = JwtCodec::new_jti();
  claims.expires_at = claims.issued_at + access_ttl_;
  pair.access_token = codec_.encode(claims);
  pair.access_expires_at = claims.expires_at;
  claims.type = TokenType::kRefresh;
  claims.jti = JwtCodec::new_jti();
  claims.expires_at = claims.issued_at + refresh_ttl_;
  pair.refresh_token = codec_.encode(claims);
  pair.refresh_expires_at = claims.expires_at;
  return pair;
}

TokenClaims TokenService::verify(const std::string &token, TokenType type) {
  JwtCodec::Verified verified = codec_.decode(token, type, now());
  if (!verified.claims) throw ApiError(401, "invalid token", JwtCodec::describe(verified.failure));
  const TokenClaims &claims = *verified.claims;
  std::optional<int64_t> version = revocation_.current_version(claims.user_id);
  if (!version) throw ApiError(401, "invalid token", "user no longer exists");
  if (*version != claims.token_version) throw ApiError(401, "invalid token", "token revoked");
  if (revocation_.is_token_revoked(claims.jti)) {
    throw ApiError(401, "invalid token", "token revoked");
  }
  return claims;
}

json_t *TokenService::pair_json(const Pair &pair, const UserRecord &user) const {
  json_t *out = json_object();
  json_object_set_new(out, "token", json_string(pair.access_token.c_str()));
  json_object_set_new(out, "access_token", json_string(pair.access_token.c_str()));
  json_object_set_new(out, "refresh_token", json_string(pair.refresh_token.c_str()));
  json_object_set_new(out, "token_type", json_string("Bearer"));
  json_object_set_new(out, "expires_in", json_integer(access_ttl_));
  json_object_set_new(out, "expires_at", json_integer(pair.access_expires_at));
  json_object_set_new(out, "refresh_expires_in", json_integer(refresh_ttl_));
  json_object_set_new(out, "user", user.to_json());
  return out;
}

}  // namespace meetgate::auth
