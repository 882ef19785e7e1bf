#include "rtcp_feedback.hpp"

namespace meetgate::echotest {

namespace {
constexpr uint8_t kPayloadSpecificFeedback = 206;
constexpr uint8_t kFormatPli = 1;
constexpr uint8_t kFormatFir = 4;
constexpr size_t kHeaderSize = 4;
}  // namespace

bool rtcp_requests_keyframe(const uint8_t *data, size_t len) {
  size_t offset = 0;
  // Walk the compound packet: each part is a 4-byte header, then
  // `length` 32-bit words.
  while (offset + kHeaderSize <= len) {
    const uint8_t *part = data + offset;
    if ((part[0] >> 6) != 2) {
      return false;  // not RTCP version 2
    }
    const uint8_t format = part[0] & 0x1F;
    const uint8_t type = part[1];
    const size_t words = (static_cast<size_t>(part[2]) << 8) | part[3];
    const size_t part_len = (words + 1) * 4;
    if (offset + part_len > len) {
      return false;  // truncated
    }
    if (type == kPayloadSpecificFeedback && (format == kFormatPli || format == kFormatFir)) {
      return true;
    }
    offset += part_len;
  }
  return false;
}

}  // namespace meetgate::echotest
