// Values of a transport-wide congestion control feedback
// (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1).
#pragma once

#include <cstdint>

namespace meetgate::media::rtp {

struct TransportCcHeader {
  uint16_t base_sequence = 0;
  uint16_t status_count = 0;
  int32_t reference_time = 0;  // 24-bit signed, 64 ms units
  uint8_t feedback_count = 0;
};

struct TransportCcPacketStatus {
  uint16_t sequence = 0;
  bool received = false;
  int64_t arrival_us = 0;  // reference_time * 64 ms + the deltas so far (if received)
};

}  // namespace meetgate::media::rtp
