#include "active_speaker.hpp"

namespace meetgate::videoroom {

std::optional<int64_t> ActiveSpeaker::observe(int64_t user_id, int level_dbov, bool voice,
                                              int64_t now_ms) {
  if (window_start_ < 0 || now_ms - window_start_ >= interval_ms_) {
    window_start_ = now_ms;
    loudest_ = 0;
    loudest_level_ = 128;
  }
  if (voice && level_dbov <= max_dbov_ && level_dbov < loudest_level_) {
    loudest_ = user_id;
    loudest_level_ = level_dbov;
  }
  if (loudest_ == 0 || loudest_ == announced_) return std::nullopt;
  if (announced_at_ >= 0 && now_ms - announced_at_ < interval_ms_) return std::nullopt;
  announced_ = loudest_;
  announced_at_ = now_ms;
  return announced_;
}

void ActiveSpeaker::forget(int64_t user_id) {
  if (announced_ == user_id) announced_ = 0;
  if (loudest_ == user_id) {
    loudest_ = 0;
    loudest_level_ = 128;
  }
}

}  // namespace meetgate::videoroom
