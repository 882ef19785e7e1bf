#include "packet_demux.hpp"

namespace meetgate::media {

PacketClass classify_packet(const uint8_t *data, size_t len) {
  if (len == 0) return PacketClass::kUnknown;
  uint8_t first = data[0];
  if (first <= 3) return PacketClass::kStun;
  if (first >= 20 && first <= 63) return PacketClass::kDtls;
  if (first >= 128 && first <= 191 && len >= 8) {
    // RFC 5761: RTCP packet types 192..223 share the RTP payload-type byte.
    uint8_t type = data[1];
    return type >= 192 && type <= 223 ? PacketClass::kRtcp : PacketClass::kRtp;
  }
  return PacketClass::kUnknown;
}

uint32_t read_u32(const uint8_t *at) {
  return (uint32_t{at[0]} << 24) | (uint32_t{at[1]} << 16) | (uint32_t{at[2]} << 8) | at[3];
}

void write_u32(uint8_t *at, uint32_t value) {
  at[0] = static_cast<uint8_t>(value >> 24);
  at[1] = static_cast<uint8_t>(value >> 16);
  at[2] = static_cast<uint8_t>(value >> 8);
  at[3] = static_cast<uint8_t>(value);
}

bool parse_rtp_header(const uint8_t *data, size_t len, RtpHeader &header) {
  if (len < 12 || (data[0] >> 6) != 2) return false;
  size_t size = 12 + 4 * size_t{static_cast<uint8_t>(data[0] & 0x0F)};
  if (size > len) return false;
  if (data[0] & 0x10) {
    if (size + 4 > len) return false;
    size_t words = (size_t{data[size + 2]} << 8) | data[size + 3];
    size += 4 + 4 * words;
    if (size > len) return false;
  }
  header.payload_type = data[1] & 0x7F;
  header.sequence = static_cast<uint16_t>((data[2] << 8) | data[3]);
  header.ssrc = read_u32(data + 8);
  header.header_size = size;
  return true;
}

std::string_view find_rtp_extension(const uint8_t *data, size_t len, int id) {
  RtpHeader header;
  if (id <= 0 || !parse_rtp_header(data, len, header) || !(data[0] & 0x10)) return {};
  size_t at = 12 + 4 * size_t{static_cast<uint8_t>(data[0] & 0x0F)};
  uint16_t profile = static_cast<uint16_t>((data[at] << 8) | data[at + 1]);
  size_t end = header.header_size;
  at += 4;
  bool one_byte = profile == 0xBEDE;
  if (!one_byte && (profile & 0xFFF0) != 0x1000) return {};
  while (at < end) {
    if (data[at] == 0) {  // padding
      ++at;
      continue;
    }
    int element_id = one_byte ? data[at] >> 4 : data[at];
    if (one_byte && element_id == 15) return {};
    if (!one_byte && at + 1 >= end) return {};
    size_t size = one_byte ? size_t{static_cast<uint8_t>(data[at] & 0x0F)} + 1 : data[at + 1];
    size_t value_at = at + (one_byte ? 1 : 2);
    if (value_at + size > end) return {};
    if (element_id == id) return {reinterpret_cast<const char *>(data + value_at), size};
    at = value_at + size;
  }
  return {};
}

bool for_each_rtcp(const uint8_t *data, size_t len,
                   const std::function<void(uint8_t, uint8_t, uint8_t *, size_t)> &visit) {
  size_t at = 0;
  while (at + 4 <= len) {
    if ((data[at] >> 6) != 2) return false;
    size_t size = 4 * ((size_t{data[at + 2]} << 8 | data[at + 3]) + 1);
    if (at + size > len) return false;
    visit(data[at + 1], data[at] & 0x1F, const_cast<uint8_t *>(data + at), size);
    at += size;
  }
  return at == len;
}

size_t write_pli(uint8_t *out, uint32_t sender_ssrc, uint32_t media_ssrc) {
  out[0] = 0x80 | 1;  // V=2, FMT=1 (PLI)
  out[1] = 206;       // PSFB
  out[2] = 0;
  out[3] = 2;  // length in words minus one
  write_u32(out + 4, sender_ssrc);
  write_u32(out + 8, media_ssrc);
  return 12;
}

}  // namespace meetgate::media
