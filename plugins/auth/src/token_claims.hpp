// The claims meetgate puts in its JWTs.
#pragma once

#include <cstdint>
#include <string>

namespace meetgate::auth {

enum class TokenType { kAccess, kRefresh };

struct TokenClaims {
  int64_t user_id = 0;
  std::string username;
  std::string email;
  std::string role;
  std::string jti;
  TokenType type = TokenType::kAccess;
  int64_t issued_at = 0;   // iat, seconds since the epoch
  int64_t expires_at = 0;  // exp
  // "tv": the user's token version when issued. Revoking every token of a
  // user bumps the version, so older tokens stop verifying at once.
  int64_t token_version = 0;
};

inline const char *token_type_name(TokenType type) {
  return type == TokenType::kAccess ? "access" : "refresh";
}

}  // namespace meetgate::auth
