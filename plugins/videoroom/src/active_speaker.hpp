// Picks the active speaker of one room from the core's throttled
// "audio-level" media events (RFC 6464 levels: 0 dBov is loudest, 127
// silence) and decides when to announce a change, at most once per
// interval. No ABI calls: unit tested directly.
#pragma once

#include <cstdint>
#include <optional>

namespace meetgate::videoroom {

class ActiveSpeaker {
 public:
  ActiveSpeaker(int64_t interval_ms, int max_dbov)
      : interval_ms_(interval_ms), max_dbov_(max_dbov) {}

  // One level sample of `user_id` at `now_ms`. Returns the user to announce
  // when the loudest recent voice changed and the last announcement is at
  // least one interval old.
  std::optional<int64_t> observe(int64_t user_id, int level_dbov, bool voice, int64_t now_ms);

  // A user left: forget them (a new speaker may be announced next).
  void forget(int64_t user_id);

  int64_t current() const { return announced_; }

 private:
  int64_t interval_ms_;
  int max_dbov_;
  int64_t announced_ = 0;      // user last announced, 0 = none
  int64_t announced_at_ = -1;  // when
  int64_t loudest_ = 0;        // loudest voice in the current window
  int loudest_level_ = 128;
  int64_t window_start_ = -1;
};

}  // namespace meetgate::videoroom
