// Fixed-window counters on the KeyValue store (shared by every node with
// Redis): ratelimit:{ip:<addr>|user:<name>}:{endpoint}.
#pragma once

#include <cstdint>
#include <meetgate/storage/kv.hpp>
#include <string>

namespace meetgate::auth {

class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    int64_t retry_after = 0;  // seconds until the window resets
  };

  explicit RateLimiter(storage::KeyValue &kv) : kv_(kv) {}

  // Counts one hit on `subject` ("ip:1.2.3.4", "user:alice") for `endpoint`;
  // refuses once more than `max` hits fell in the current window.
  // `max` <= 0 disables the limit.
  Decision hit(const std::string &subject, const std::string &endpoint, int64_t max,
               int64_t window_seconds);

  static std::string key(const std::string &subject, const std::string &endpoint) {
    return "ratelimit:" + subject + ":" + endpoint;
  }

 private:
  storage::KeyValue &kv_;
};

}  // namespace meetgate::auth
