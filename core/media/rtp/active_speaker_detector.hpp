// Picks the loudest voice of a group of audio producers, with hysteresis:
// a speaker keeps the floor for at least `hold_us`, and a challenger must
// be `switch_margin_db` louder to take it. Fed once per audio-level interval
// (throttled by the router), so it does not run per packet.
#pragma once

#include <cstdint>
#include <vector>

namespace meetgate::media::rtp {

class ActiveSpeakerDetector {
 public:
  ActiveSpeakerDetector(uint64_t hold_us, int switch_margin_db, int silence_dbov = -60);

  void update(uint64_t producer, int level_dbov, bool voice);
  void remove(uint64_t producer);
  // True if the active speaker changed; the new one in `speaker` (0 = none).
  bool decide(uint64_t now_us, uint64_t &speaker);
  uint64_t speaker() const { return speaker_; }
  bool empty() const { return candidates_.empty(); }

 private:
  struct Candidate {
    uint64_t producer;
    int level_dbov;
    bool voice;
  };
  bool speaking(const Candidate &c) const { return c.voice && c.level_dbov > silence_dbov_; }

  uint64_t hold_us_;
  int switch_margin_db_;
  int silence_dbov_;
  std::vector<Candidate> candidates_;
  uint64_t speaker_ = 0;
  uint64_t since_us_ = 0;
  bool has_decided_ = false;
};

}  // namespace meetgate::media::rtp
