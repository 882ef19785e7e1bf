// Temporary account lockout after repeated failed logins: `threshold`
// failures within `window` seconds lock the account for `lock_seconds`
// (answered 429 with Retry-After, whatever the password). A successful login
// clears the failure count. Keys: loginfail:{account}, lockout:{account}.
#pragma once

#include <cstdint>
#include <meetgate/storage/kv.hpp>
#include <string>

namespace meetgate::auth {

class LoginLockout {
 public:
  LoginLockout(storage::KeyValue &kv, int64_t threshold, int64_t window, int64_t lock_seconds)
      : kv_(kv), threshold_(threshold), window_(window), lock_seconds_(lock_seconds) {}

  // Seconds the account stays locked; 0 when it is not locked.
  int64_t locked_for(const std::string &account);
  // Records a failure; returns the lock duration if this one locked it.
  int64_t record_failure(const std::string &account);
  void reset(const std::string &account);

 private:
  storage::KeyValue &kv_;
  int64_t threshold_;
  int64_t window_;
  int64_t lock_seconds_;
};

}  // namespace meetgate::auth
