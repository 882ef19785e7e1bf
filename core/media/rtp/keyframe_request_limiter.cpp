#include "keyframe_request_limiter.hpp"

namespace meetgate::media::rtp {

bool KeyframeRequestLimiter::allow(uint64_t now_us) {
  if (has_sent_ && now_us >= last_us_ && now_us - last_us_ < interval_us_) {
    ++suppressed_;
    return false;
  }
  has_sent_ = true;
  last_us_ = now_us;
  ++sent_;
  return true;
}

}  // namespace meetgate::media::rtp
