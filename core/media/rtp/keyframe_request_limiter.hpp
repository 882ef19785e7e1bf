// Rate-limits keyframe requests (PLI/FIR) toward one sender: at most one per
// interval, however many consumers join or ask. The first request after a
// quiet period goes out at once.
#pragma once

#include <cstdint>

namespace meetgate::media::rtp {

class KeyframeRequestLimiter {
 public:
  explicit KeyframeRequestLimiter(uint64_t interval_us) : interval_us_(interval_us) {}

  // True if a request may be sent now (and records it).
  bool allow(uint64_t now_us);
  uint64_t sent() const { return sent_; }
  uint64_t suppressed() const { return suppressed_; }

 private:
  uint64_t interval_us_;
  bool has_sent_ = false;
  uint64_t last_us_ = 0;
  uint64_t sent_ = 0;
  uint64_t suppressed_ = 0;
};

}  // namespace meetgate::media::rtp
