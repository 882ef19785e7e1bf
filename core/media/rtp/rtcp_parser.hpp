// Walks an RTCP compound packet (RFC 3550 section 6, RFC 4585, RFC 5104,
// REMB, transport-cc) with every length checked against the buffer, and
// reports each known packet to an RtcpHandler. Unknown packet types are
// skipped. Never allocates.
#pragma once

#include <cstdint>
#include <span>

#include "rtcp_handler.hpp"

namespace meetgate::media::rtp {

class RtcpParser {
 public:
  // False if the compound is malformed (bad version, a length running past
  // the buffer, padding anywhere but on the last packet, a truncated body).
  // Packets before the malformed one have already been reported.
  static bool parse(std::span<const uint8_t> compound, RtcpHandler &handler);
  // A cheap demux test: version 2 and an RTCP packet type (192..223).
  static bool looks_like_rtcp(std::span<const uint8_t> data);

 private:
  static bool parse_one(uint8_t type, uint8_t count, std::span<const uint8_t> body,
                        RtcpHandler &handler);
  static bool parse_report_blocks(uint32_t reporter, uint8_t count, std::span<const uint8_t> blocks,
                                  RtcpHandler &handler);
  static bool parse_sdes(uint8_t count, std::span<const uint8_t> body, RtcpHandler &handler);
  static bool parse_transport_feedback(uint8_t fmt, std::span<const uint8_t> body,
                                       RtcpHandler &handler);
  static bool parse_payload_feedback(uint8_t fmt, std::span<const uint8_t> body,
                                     RtcpHandler &handler);
};

}  // namespace meetgate::media::rtp
