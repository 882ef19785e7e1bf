#include "audio_level_meter.hpp"

namespace meetgate::media::rtp {

std::optional<AudioLevelMeter::Level> AudioLevelMeter::decode(
    std::span<const uint8_t> extension_value) {
  // RFC 6464 sends one byte; a two-byte-form element may pad it.
  if (extension_value.empty()) return std::nullopt;
  Level level;
  level.voice = (extension_value[0] & 0x80) != 0;
  level.dbov = -static_cast<int>(extension_value[0] & 0x7F);
  return level;
}

void AudioLevelMeter::add(const Level &level) {
  loudness_sum_ += static_cast<uint64_t>(127 + level.dbov);
  ++samples_;
  if (level.voice) ++voice_samples_;
}

AudioLevelMeter::Level AudioLevelMeter::take() {
  const double mean = samples_ ? static_cast<double>(loudness_sum_) / samples_ : 0.0;
  // Rise fast, decay slower: a speaker is picked up quickly and a short
  // pause between words does not drop them.
  const double weight = mean > smoothed_loudness_ ? 0.7 : 0.4;
  smoothed_loudness_ += weight * (mean - smoothed_loudness_);
  Level level;
  level.dbov = smoothed_dbov();
  level.voice = samples_ > 0 && voice_samples_ * 2 >= samples_;
  loudness_sum_ = 0;
  samples_ = 0;
  voice_samples_ = 0;
  return level;
}

}  // namespace meetgate::media::rtp
