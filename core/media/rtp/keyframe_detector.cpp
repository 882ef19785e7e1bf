#include "keyframe_detector.hpp"

#include <cctype>

namespace meetgate::media::rtp {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != static_cast<unsigned char>(b[i]))
      return false;
  return true;
}

constexpr uint8_t kNalIdr = 5;
constexpr uint8_t kNalSps = 7;
constexpr uint8_t kNalStapA = 24;
constexpr uint8_t kNalFuA = 28;

bool is_h264_key_nal(uint8_t nal_type) {
  return nal_type == kNalIdr || nal_type == kNalSps;
}

}  // namespace

VideoCodec KeyframeDetector::codec_from_name(std::string_view name) {
  if (iequals(name, "VP8")) return VideoCodec::kVP8;
  if (iequals(name, "VP9")) return VideoCodec::kVP9;
  if (iequals(name, "H264")) return VideoCodec::kH264;
  return VideoCodec::kUnknown;
}

bool KeyframeDetector::is_keyframe(VideoCodec codec, std::span<const uint8_t> payload) {
  switch (codec) {
    case VideoCodec::kVP8:
      return is_vp8_keyframe(payload);
    case VideoCodec::kVP9:
      return is_vp9_keyframe(payload);
    case VideoCodec::kH264:
      return is_h264_keyframe(payload);
    case VideoCodec::kUnknown:
      break;
  }
  return false;
}

bool KeyframeDetector::is_vp8_keyframe(std::span<const uint8_t> payload) {
  // RFC 7741 section 4.2: X|R|N|S|R|PID, then optional I/L/T/K extensions.
  if (payload.empty()) return false;
  size_t offset = 1;
  const uint8_t first = payload[0];
  const bool start_of_partition = (first & 0x10) != 0;
  const uint8_t partition_id = first & 0x07;
  if (first & 0x80) {  // X: extension byte present
    if (payload.size() < 2) return false;
    const uint8_t extension = payload[1];
    offset = 2;
    if (extension & 0x80) {  // I: picture id, 7 or 15 bits (M)
      if (payload.size() <= offset) return false;
      offset += (payload[offset] & 0x80) ? 2 : 1;
    }
    if (extension & 0x40) offset += 1;  // L: TL0PICIDX
    if (extension & 0x30) offset += 1;  // T or K: TID/Y/KEYIDX
  }
  if (!start_of_partition || partition_id != 0 || payload.size() <= offset) return false;
  // VP8 payload header (RFC 6386 section 9.1): bit 0 of the first byte is
  // the inverse key frame flag.
  return (payload[offset] & 0x01) == 0;
}

bool KeyframeDetector::is_vp9_keyframe(std::span<const uint8_t> payload) {
  // RFC 9628 section 4.2: I|P|L|F|B|E|V|Z. A keyframe is a start of frame
  // (B) that is not inter-picture predicted (P = 0) on spatial layer 0.
  if (payload.empty()) return false;
  const uint8_t first = payload[0];
  const bool inter_predicted = (first & 0x40) != 0;
  const bool layer_indices = (first & 0x20) != 0;
  const bool begin_of_frame = (first & 0x08) != 0;
  if (inter_predicted || !begin_of_frame) return false;
  if (!layer_indices) return true;
  size_t offset = 1;
  if (first & 0x80) {  // I: picture id, 7 or 15 bits
    if (payload.size() <= offset) return false;
    offset += (payload[offset] & 0x80) ? 2 : 1;
  }
  if (payload.size() <= offset) return false;
  const uint8_t spatial_id = (payload[offset] >> 1) & 0x07;
  return spatial_id == 0;
}

bool KeyframeDetector::is_h264_keyframe(std::span<const uint8_t> payload) {
  if (payload.empty()) return false;
  const uint8_t nal_type = payload[0] & 0x1F;
  if (nal_type >= 1 && nal_type <= 23) return is_h264_key_nal(nal_type);
  if (nal_type == kNalStapA) {
    // 16-bit NALU size, then the NAL unit; repeated.
    size_t offset = 1;
    while (offset + 2 < payload.size()) {
      const size_t size = static_cast<size_t>(payload[offset] << 8 | payload[offset + 1]);
      offset += 2;
      if (size == 0 || offset + size > payload.size()) return false;
      if (is_h264_key_nal(payload[offset] & 0x1F)) return true;
      offset += size;
    }
    return false;
  }
  if (nal_type == kNalFuA) {
    if (payload.size() < 2) return false;
    const bool start = (payload[1] & 0x80) != 0;
    return start && is_h264_key_nal(payload[1] & 0x1F);
  }
  return false;
}

}  // namespace meetgate::media::rtp
