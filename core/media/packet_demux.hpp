// RFC 7983 demultiplexing of what arrives on the ICE component, and the few
// header reads the transport needs before a packet is handed on (SSRC,
// payload type, the mid header extension, RTCP feedback targets). The full
// zero-copy RTP/RTCP views of the router live in rtp/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace meetgate::media {

enum class PacketClass { kStun, kDtls, kRtp, kRtcp, kUnknown };

PacketClass classify_packet(const uint8_t *data, size_t len);

struct RtpHeader {
  uint8_t payload_type = 0;
  uint16_t sequence = 0;
  uint32_t ssrc = 0;
  size_t header_size = 0;  // fixed + CSRCs + extension block
};

// False if `data` is not a well-formed RTP header (RFC 3550 + RFC 8285).
bool parse_rtp_header(const uint8_t *data, size_t len, RtpHeader &header);
// The value of one-byte or two-byte header extension `id`; empty if absent.
std::string_view find_rtp_extension(const uint8_t *data, size_t len, int id);

uint32_t read_u32(const uint8_t *at);
void write_u32(uint8_t *at, uint32_t value);

// Calls `visit(packet_type, fmt, packet, packet_len)` for each packet of a
// compound RTCP packet; false if the compound is malformed.
bool for_each_rtcp(const uint8_t *data, size_t len,
                   const std::function<void(uint8_t, uint8_t, uint8_t *, size_t)> &visit);

// Writes an RTCP PLI (RFC 4585) into `out` (12 bytes); returns its length.
size_t write_pli(uint8_t *out, uint32_t sender_ssrc, uint32_t media_ssrc);

}  // namespace meetgate::media
