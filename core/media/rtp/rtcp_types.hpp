// Plain RTCP values (RFC 3550, RFC 4585, RFC 5104, draft-alvestrand-rmcat-remb)
// shared by RtcpParser, RtcpWriter and the stats code.
#pragma once

#include <cstdint>

namespace meetgate::media::rtp {

namespace rtcp_type {
inline constexpr uint8_t kSenderReport = 200;
inline constexpr uint8_t kReceiverReport = 201;
inline constexpr uint8_t kSourceDescription = 202;
inline constexpr uint8_t kBye = 203;
inline constexpr uint8_t kApp = 204;
inline constexpr uint8_t kTransportFeedback = 205;  // RTPFB
inline constexpr uint8_t kPayloadFeedback = 206;    // PSFB
}  // namespace rtcp_type

namespace rtcp_fmt {
inline constexpr uint8_t kGenericNack = 1;        // RTPFB
inline constexpr uint8_t kTransportCc = 15;       // RTPFB
inline constexpr uint8_t kPli = 1;                // PSFB
inline constexpr uint8_t kFir = 4;                // PSFB
inline constexpr uint8_t kApplicationLayer = 15;  // PSFB (REMB)
}  // namespace rtcp_fmt

// RFC 3550 section 6.4.1 report block.
struct ReportBlock {
  uint32_t ssrc = 0;            // the source this block is about
  uint8_t fraction_lost = 0;    // /256 since the last report
  int32_t cumulative_lost = 0;  // 24-bit signed
  uint32_t extended_highest_sequence = 0;
  uint32_t jitter = 0;               // RTP timestamp units
  uint32_t last_sr = 0;              // middle 32 bits of the last SR's NTP time
  uint32_t delay_since_last_sr = 0;  // 1/65536 s
};

struct SenderInfo {
  uint32_t ssrc = 0;
  uint64_t ntp_timestamp = 0;  // 32.32 fixed point
  uint32_t rtp_timestamp = 0;
  uint32_t packet_count = 0;
  uint32_t octet_count = 0;
};

// NTP helpers: the "compact" middle 32 bits used by LSR/DLSR.
inline uint32_t compact_ntp(uint64_t ntp) {
  return static_cast<uint32_t>(ntp >> 16);
}
// Microseconds since the NTP epoch to 32.32 NTP.
inline uint64_t ntp_from_us(uint64_t us) {
  const uint64_t seconds = us / 1'000'000;
  const uint64_t fraction = ((us % 1'000'000) << 32) / 1'000'000;
  return seconds << 32 | fraction;
}

}  // namespace meetgate::media::rtp
