#include "jwt_codec.hpp"

#include <jwt.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace meetgate::auth {
namespace {

struct JwtFree {
  void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

struct CFree {
  void operator()(char *text) const { std::free(text); }
};

// Tokens longer than this are refused before parsing: ours are ~400 bytes.
constexpr size_t kMaxTokenLength = 4096;

std::string grant_text(jwt_t *jwt, const char *name) {
  const char *value = jwt_get_grant(jwt, name);
  return value ? value : "";
}

}  // namespace

JwtCodec::JwtCodec(std::string secret, std::string issuer)
    : secret_(std::move(secret)), issuer_(std::move(issuer)) {}

std::string JwtCodec::encode(const TokenClaims &claims) const {
  jwt_t *raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
  JwtPtr jwt(raw);
  const std::string subject = std::to_string(claims.user_id);
  int rc = 0;
  rc |= jwt_add_grant_int(jwt.get(), "user_id", claims.user_id);
  rc |= jwt_add_grant(jwt.get(), "username", claims.username.c_str());
  rc |= jwt_add_grant(jwt.get(), "email", claims.email.c_str());
  rc |= jwt_add_grant(jwt.get(), "role", claims.role.c_str());
  rc |= jwt_add_grant(jwt.get(), "iss", issuer_.c_str());
  rc |= jwt_add_grant(jwt.get(), "sub", subject.c_str());
  rc |= jwt_add_grant_int(jwt.get(), "iat", claims.issued_at);
  rc |= jwt_add_grant_int(jwt.get(), "exp", claims.expires_at);
  rc |= jwt_add_grant(jwt.get(), "jti", claims.jti.c_str());
  rc |= jwt_add_grant(jwt.get(), "typ", token_type_name(claims.type));
  rc |= jwt_add_grant_int(jwt.get(), "tv", claims.token_version);
  rc |=
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char *>(secret_.data()),
                  static_cast<int>(secret_.size()));
  if (rc != 0) throw std::runtime_error("building the JWT failed");
  std::unique_ptr<char, CFree> encoded(jwt_encode_str(jwt.get()));
  if (!encoded) throw std::runtime_error("jwt_encode_str failed");
  return std::string(encoded.get());
}

JwtCodec::Verified JwtCodec::decode(const std::string &token, TokenType expected,
                                    int64_t now) const {
  Verified result;
  if (token.empty() || token.size() > kMaxTokenLength) return result;
  jwt_t *raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char *>(secret_.data()),
                 static_cast<int>(secret_.size())) != 0) {
    result.failure = Failure::kBadSignature;
    return result;
  }
  JwtPtr jwt(raw);
  // Only HS256: never accept "none" or another algorithm named by the token.
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) {
    result.failure = Failure::kBadSignature;
    return result;
  }
  TokenClaims claims;
  claims.user_id = jwt_get_grant_int(jwt.get(), "user_id");
  claims.issued_at = jwt_get_grant_int(jwt.get(), "iat");
  claims.expires_at = jwt_get_grant_int(jwt.get(), "exp");
  claims.token_version = jwt_get_grant_int(jwt.get(), "tv");
  claims.username = grant_text(jwt.get(), "username");
  claims.email = grant_text(jwt.get(), "email");
  claims.role = grant_text(jwt.get(), "role");
  claims.jti = grant_text(jwt.get(), "jti");
  const std::string type = grant_text(jwt.get(), "typ");
  if (claims.user_id <= 0 || claims.expires_at <= 0 || claims.jti.empty()) return result;
  if (grant_text(jwt.get(), "iss") != issuer_) {
    result.failure = Failure::kWrongIssuer;
    return result;
  }
  if (claims.expires_at <= now) {
    result.failure = Failure::kExpired;
    return result;
  }
  if (type != token_type_name(expected)) {
    result.failure = Failure::kWrongType;
    return result;
  }
  claims.type = expected;
  result.claims = std::move(claims);
  return result;
}

const char *JwtCodec::describe(Failure failure) {
  switch (failure) {
    case Failure::kMalformed:
      return "malformed token";
    case Failure::kBadSignature:
      return "invalid token signature";
    case Failure::kWrongIssuer:
      return "token from another issuer";
    case Failure::kExpired:
      return "token expired";
    case Failure::kWrongType:
      return "wrong token type";
  }
  return "invalid token";
}

std::string JwtCodec::new_jti() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex);
}

}  // namespace meetgate::auth
