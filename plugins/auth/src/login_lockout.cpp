#include "login_lockout.hpp"

#include <algorithm>
#include <cctype>

namespace meetgate::auth {
namespace {

// Accounts are named by what the client typed, case-folded, so "Alice" and
// "alice" share one counter (logins are case-insensitive).
std::string fold(const std::string &account) {
  std::string out = account;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

int64_t LoginLockout::locked_for(const std::string &account) {
  if (threshold_ <= 0) return 0;
  const int64_t left = kv_.ttl("lockout:" + fold(account));
  return left > 0 ? left : (left == -1 ? lock_seconds_ : 0);
}

int64_t LoginLockout::record_failure(const std::string &account) {
  if (threshold_ <= 0) return 0;
  const std::string name = fold(account);
  const int64_t failures = kv_.incr("loginfail:" + name, 1, std::chrono::seconds(window_));
  if (failures < threshold_) return 0;
  kv_.set("lockout:" + name, "1", std::chrono::seconds(lock_seconds_));
  kv_.del("loginfail:" + name);
  return lock_seconds_;
}

void LoginLockout::reset(const std::string &account) {
  if (threshold_ <= 0) return;
  kv_.del("loginfail:" + fold(account));
}

}  // namespace meetgate::auth
