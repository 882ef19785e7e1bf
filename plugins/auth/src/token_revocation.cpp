#include "token_revocation.hpp"

#include <algorithm>
#include <charconv>

namespace meetgate::auth {
namespace {

std::optional<int64_t> parse_version(const std::string &text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::chrono::seconds remaining(int64_t expires_at, int64_t now) {
  return std::chrono::seconds(std::max<int64_t>(expires_at - now, 1) + 5);
}

}  // namespace

std::optional<int64_t> TokenRevocation::current_version(int64_t user_id) {
  const std::string key = session_key(user_id);
  if (std::optional<std::string> cached = kv_.get(key)) {
    if (*cached == kGone) return std::nullopt;
    if (std::optional<int64_t> version = parse_version(*cached)) return version;
  }
  // Cache miss: fill from the database, then read it again. A revocation
  // that committed between our read and our fill is caught by the second
  // read (its own cache write may have been overwritten by our stale one).
  std::optional<int64_t> version = users_.token_version(user_id);
  kv_.set(key, version ? std::to_string(*version) : kGone, kSessionCacheTtl);
  std::optional<int64_t> again = users_.token_version(user_id);
  if (again != version) {
    kv_.set(key, again ? std::to_string(*again) : kGone, kSessionCacheTtl);
  }
  return again;
}

std::optional<int64_t> TokenRevocation::revoke_all(int64_t user_id) {
  std::optional<int64_t> version = users_.bump_token_version(user_id);
  kv_.set(session_key(user_id), version ? std::to_string(*version) : kGone, kSessionCacheTtl);
  return version;
}

void TokenRevocation::forget_user(int64_t user_id) {
  kv_.set(session_key(user_id), kGone, kSessionCacheTtl);
}

void TokenRevocation::revoke_token(const std::string &jti, int64_t expires_at, int64_t now) {
  kv_.set("revoked:" + jti, "1", remaining(expires_at, now));
}

bool TokenRevocation::is_token_revoked(const std::string &jti) {
  return kv_.exists("revoked:" + jti);
}

bool TokenRevocation::consume_refresh(const std::string &jti, int64_t expires_at, int64_t now) {
  return kv_.incr("refresh_used:" + jti, 1, remaining(expires_at, now)) == 1;
}

}  // namespace meetgate::auth
