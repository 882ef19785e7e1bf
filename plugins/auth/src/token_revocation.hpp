// Revocation state shared by every node through the KeyValue store (Redis
// when configured), backed by the database for the per-user part:
//  - session:{user_id} -> the user's current token version ("tv" claim).
//    The users table holds the durable copy; the key is a cache refilled
//    from it on a miss. Revoking all of a user's tokens bumps both.
//  - revoked:{jti}     -> set by logout until the token would expire.
//  - refresh_used:{jti} -> counter making each refresh token single-use.
#pragma once

#include <chrono>
#include <cstdint>
#include <meetgate/storage/kv.hpp>
#include <optional>
#include <string>

#include "user_repository.hpp"

namespace meetgate::auth {

class TokenRevocation {
 public:
  TokenRevocation(storage::KeyValue &kv, UserRepository &users) : kv_(kv), users_(users) {}

  // The user's current token version; nullopt when the user is gone.
  std::optional<int64_t> current_version(int64_t user_id);
  // Invalidates every token issued to the user so far; returns the new
  // version (nullopt when the user does not exist).
  std::optional<int64_t> revoke_all(int64_t user_id);
  // Marks the user as gone for verifiers (after an account deletion).
  void forget_user(int64_t user_id);

  void revoke_token(const std::string &jti, int64_t expires_at, int64_t now);
  bool is_token_revoked(const std::string &jti);
  // True the first time `jti` is consumed, false on every reuse.
  bool consume_refresh(const std::string &jti, int64_t expires_at, int64_t now);

  static std::string session_key(int64_t user_id) { return "session:" + std::to_string(user_id); }

 private:
  static constexpr std::chrono::seconds kSessionCacheTtl{24 * 3600};
  static constexpr const char *kGone = "gone";
  storage::KeyValue &kv_;
  UserRepository &users_;
};

}  // namespace meetgate::auth
