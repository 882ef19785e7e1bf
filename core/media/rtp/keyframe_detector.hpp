// Does an RTP payload start (or carry the start of) a keyframe? Parses the
// payload descriptors of VP8 (RFC 7741), VP9 (RFC 9628) and H.264 (RFC 6184:
// single NAL, STAP-A, FU-A) with bounds checks. Used to gate a consumer
// until its first keyframe and to switch simulcast layers cleanly.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace meetgate::media::rtp {

enum class VideoCodec { kUnknown, kVP8, kVP9, kH264 };

class KeyframeDetector {
 public:
  // Case-insensitive "VP8", "VP9", "H264"; anything else is kUnknown.
  static VideoCodec codec_from_name(std::string_view name);
  static bool is_keyframe(VideoCodec codec, std::span<const uint8_t> payload);
  static bool is_vp8_keyframe(std::span<const uint8_t> payload);
  static bool is_vp9_keyframe(std::span<const uint8_t> payload);
  static bool is_h264_keyframe(std::span<const uint8_t> payload);
};

}  // namespace meetgate::media::rtp
