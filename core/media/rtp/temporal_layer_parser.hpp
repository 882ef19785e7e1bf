// The temporal layer of a VP8 (RFC 7741 TID/Y) or VP9 (RFC 9628 TID/U)
// packet, from its payload descriptor, with bounds checks. A consumer that
// prefers a lower temporal layer drops the packets above it (the frame rate
// drops, the stream stays decodable) and climbs back at a switch point.
#pragma once

#include <cstdint>
#include <span>

#include "keyframe_detector.hpp"

namespace meetgate::media::rtp {

struct TemporalLayer {
  int id = -1;                // -1: not signalled (not temporally scalable)
  bool switch_point = false;  // VP8 Y / VP9 U: layers above may start here
};

class TemporalLayerParser {
 public:
  static TemporalLayer parse(VideoCodec codec, std::span<const uint8_t> payload);

 private:
  static TemporalLayer parse_vp8(std::span<const uint8_t> payload);
  static TemporalLayer parse_vp9(std::span<const uint8_t> payload);
};

}  // namespace meetgate::media::rtp
