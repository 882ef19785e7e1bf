#include "rate_limiter.hpp"

#include <algorithm>

namespace meetgate::auth {

RateLimiter::Decision RateLimiter::hit(const std::string &subject, const std::string &endpoint,
                                       int64_t max, int64_t window_seconds) {
  Decision decision;
  if (max <= 0 || window_seconds <= 0) return decision;
  const std::string counter = key(subject, endpoint);
  const int64_t count = kv_.incr(counter, 1, std::chrono::seconds(window_seconds));
  if (count <= max) return decision;
  decision.allowed = false;
  const int64_t left = kv_.ttl(counter);
  decision.retry_after = left > 0 ? left : window_seconds;
  return decision;
}

}  // namespace meetgate::auth
