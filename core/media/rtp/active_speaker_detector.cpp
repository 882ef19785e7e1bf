#include "active_speaker_detector.hpp"

#include <algorithm>

namespace meetgate::media::rtp {

ActiveSpeakerDetector::ActiveSpeakerDetector(uint64_t hold_us, int switch_margin_db,
                                             int silence_dbov)
    : hold_us_(hold_us), switch_margin_db_(switch_margin_db), silence_dbov_(silence_dbov) {}

void ActiveSpeakerDetector::update(uint64_t producer, int level_dbov, bool voice) {
  for (Candidate &c : candidates_) {
    if (c.producer == producer) {
      c.level_dbov = level_dbov;
      c.voice = voice;
      return;
    }
  }
  candidates_.push_back({producer, level_dbov, voice});
}

void ActiveSpeakerDetector::remove(uint64_t producer) {
  std::erase_if(candidates_, [producer](const Candidate &c) { return c.producer == producer; });
}

bool ActiveSpeakerDetector::decide(uint64_t now_us, uint64_t &speaker) {
  const Candidate *loudest = nullptr;
  const Candidate *current = nullptr;
  for (const Candidate &c : candidates_) {
    if (c.producer == speaker_) current = &c;
    if (speaking(c) && (!loudest || c.level_dbov > loudest->level_dbov)) loudest = &c;
  }
  const uint64_t next = loudest ? loudest->producer : 0;
  speaker = speaker_;
  if (next == speaker_) return false;
  const bool current_gone = speaker_ != 0 && current == nullptr;
  const bool held = has_decided_ && now_us - since_us_ < hold_us_;
  if (!current_gone && held) return false;
  if (!current_gone && current && speaking(*current) && loudest &&
      loudest->level_dbov < current->level_dbov + switch_margin_db_)
    return false;
  speaker_ = next;
  since_us_ = now_us;
  has_decided_ = true;
  speaker = speaker_;
  return true;
}

}  // namespace meetgate::media::rtp
