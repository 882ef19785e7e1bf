// The audio level of one producer from the ssrc-audio-level header
// extension (RFC 6464: V bit + level 0..127 = -dBov). Packets add samples;
// take() returns the interval's mean (smoothed with the previous
// intervals) for the throttled "audio-level" event and active speaker.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace meetgate::media::rtp {

class AudioLevelMeter {
 public:
  struct Level {
    int dbov = -127;     // -127 (silence) .. 0 (loudest)
    bool voice = false;  // most packets of the interval had the V bit
  };

  // Decodes an RFC 6464 one-byte value; nullopt if malformed.
  static std::optional<Level> decode(std::span<const uint8_t> extension_value);

  void add(const Level &level);
  // The smoothed level; starts a new interval. Silence if nothing arrived.
  Level take();
  int smoothed_dbov() const { return static_cast<int>(smoothed_loudness_) - 127; }

 private:
  uint64_t loudness_sum_ = 0;  // sum of (127 - level)
  uint32_t samples_ = 0;
  uint32_t voice_samples_ = 0;
  double smoothed_loudness_ = 0;  // 0 = -127 dBov
};

}  // namespace meetgate::media::rtp
