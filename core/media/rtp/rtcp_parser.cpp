#include "rtcp_parser.hpp"

#include "byte_io.hpp"

namespace meetgate::media::rtp {
namespace {
constexpr size_t kHeaderSize = 4;
constexpr size_t kReportBlockSize = 24;
constexpr size_t kSenderInfoSize = 24;     // SSRC + NTP + RTP ts + counts
constexpr size_t kFeedbackHeaderSize = 8;  // sender SSRC + media SSRC

int32_t sign_extend_24(uint32_t v) {
  return (v & 0x800000) ? static_cast<int32_t>(v | 0xFF000000u) : static_cast<int32_t>(v);
}
}  // namespace

bool RtcpParser::looks_like_rtcp(std::span<const uint8_t> data) {
  return data.size() >= kHeaderSize && (data[0] >> 6) == 2 && data[1] >= 192 && data[1] <= 223;
}

bool RtcpParser::parse(std::span<const uint8_t> compound, RtcpHandler &handler) {
  if (compound.size() < kHeaderSize) return false;
  size_t offset = 0;
  while (offset < compound.size()) {
    if (compound.size() - offset < kHeaderSize) return false;
    const uint8_t *header = compound.data() + offset;
    if ((header[0] >> 6) != 2) return false;
    const size_t packet_size = (byte_io::read16(header + 2) + 1u) * 4;
    if (packet_size > compound.size() - offset) return false;
    size_t body_size = packet_size - kHeaderSize;
    if (header[0] & 0x20) {
      // Padding is only allowed on the last packet of the compound.
      if (offset + packet_size != compound.size()) return false;
      const uint8_t padding = header[packet_size - 1];
      if (padding == 0 || padding > body_size) return false;
      body_size -= padding;
    }
    if (!parse_one(header[1], header[0] & 0x1F, {header + kHeaderSize, body_size}, handler))
      return false;
    offset += packet_size;
  }
  return true;
}

bool RtcpParser::parse_one(uint8_t type, uint8_t count, std::span<const uint8_t> body,
                           RtcpHandler &handler) {
  switch (type) {
    case rtcp_type::kSenderReport: {
      if (body.size() < kSenderInfoSize) return false;
      SenderInfo info;
      info.ssrc = byte_io::read32(&body[0]);
      info.ntp_timestamp =
          static_cast<uint64_t>(byte_io::read32(&body[4])) << 32 | byte_io::read32(&body[8]);
      info.rtp_timestamp = byte_io::read32(&body[12]);
      info.packet_count = byte_io::read32(&body[16]);
      info.octet_count = byte_io::read32(&body[20]);
      handler.on_sender_report(info);
      return parse_report_blocks(info.ssrc, count, body.subspan(kSenderInfoSize), handler);
    }
    case rtcp_type::kReceiverReport:
      if (body.size() < 4) return false;
      return parse_report_blocks(byte_io::read32(&body[0]), count, body.subspan(4), handler);
    case rtcp_type::kSourceDescription:
      return parse_sdes(count, body, handler);
    case rtcp_type::kBye:
      if (body.size() < 4u * count) return false;
      for (size_t i = 0; i < count; ++i) handler.on_bye(byte_io::read32(&body[4 * i]));
      return true;
    case rtcp_type::kTransportFeedback:
      return parse_transport_feedback(count, body, handler);
    case rtcp_type::kPayloadFeedback:
      return parse_payload_feedback(count, body, handler);
    default:
      return true;  // APP, XR and anything newer: skipped
  }
}

bool RtcpParser::parse_report_blocks(uint32_t reporter, uint8_t count,
                                     std::span<const uint8_t> blocks, RtcpHandler &handler) {
  if (blocks.size() < kReportBlockSize * count) return false;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t *p = blocks.data() + i * kReportBlockSize;
    ReportBlock block;
    block.ssrc = byte_io::read32(p);
    block.fraction_lost = p[4];
    block.cumulative_lost = sign_extend_24(byte_io::read24(p + 5));
    block.extended_highest_sequence = byte_io::read32(p + 8);
    block.jitter = byte_io::read32(p + 12);
    block.last_sr = byte_io::read32(p + 16);
    block.delay_since_last_sr = byte_io::read32(p + 20);
    handler.on_report_block(reporter, block);
  }
  return true;  // profile-specific extensions after the blocks are ignored
}

bool RtcpParser::parse_sdes(uint8_t count, std::span<const uint8_t> body, RtcpHandler &handler) {
  size_t offset = 0;
  for (size_t chunk = 0; chunk < count; ++chunk) {
    if (offset + 4 > body.size()) return false;
    const uint32_t ssrc = byte_io::read32(&body[offset]);
    offset += 4;
    // Items until a zero type byte, then padding to the next 32-bit boundary.
    while (true) {
      if (offset >= body.size()) return false;
      const uint8_t item_type = body[offset];
      if (item_type == 0) break;
      if (offset + 2 > body.size()) return false;
      const size_t length = body[offset + 1];
      if (offset + 2 + length > body.size()) return false;
      handler.on_sdes_item(ssrc, item_type,
                           {reinterpret_cast<const char *>(body.data() + offset + 2), length});
      offset += 2 + length;
    }
    offset = (offset + 4) & ~size_t{3};  // the null byte plus alignment
    if (offset > body.size()) return false;
  }
  return true;
}

bool RtcpParser::parse_transport_feedback(uint8_t fmt, std::span<const uint8_t> body,
                                          RtcpHandler &handler) {
  if (body.size() < kFeedbackHeaderSize) return false;
  const uint32_t sender = byte_io::read32(&body[0]);
  const uint32_t media = byte_io::read32(&body[4]);
  const auto fci = body.subspan(kFeedbackHeaderSize);
  if (fmt == rtcp_fmt::kGenericNack) {
    if (fci.empty() || fci.size() % 4 != 0) return false;
    for (size_t i = 0; i < fci.size(); i += 4)
      handler.on_nack(sender, media, byte_io::read16(&fci[i]), byte_io::read16(&fci[i + 2]));
  } else if (fmt == rtcp_fmt::kTransportCc) {
    if (fci.size() < 8) return false;
    handler.on_transport_cc(sender, media, fci);
  }
  return true;
}

bool RtcpParser::parse_payload_feedback(uint8_t fmt, std::span<const uint8_t> body,
                                        RtcpHandler &handler) {
  if (body.size() < kFeedbackHeaderSize) return false;
  const uint32_t sender = byte_io::read32(&body[0]);
  const uint32_t media = byte_io::read32(&body[4]);
  const auto fci = body.subspan(kFeedbackHeaderSize);
  if (fmt == rtcp_fmt::kPli) {
    handler.on_pli(sender, media);
  } else if (fmt == rtcp_fmt::kFir) {
    // RFC 5104 section 4.3.1: entries of SSRC + seq nr + 3 reserved bytes.
    if (fci.empty() || fci.size() % 8 != 0) return false;
    for (size_t i = 0; i < fci.size(); i += 8)
      handler.on_fir(sender, byte_io::read32(&fci[i]), fci[i + 4]);
  } else if (fmt == rtcp_fmt::kApplicationLayer && fci.size() >= 4 && fci[0] == 'R' &&
             fci[1] == 'E' && fci[2] == 'M' && fci[3] == 'B') {
    if (fci.size() < 8) return false;
    const size_t ssrc_count = fci[4];
    const uint8_t exponent = fci[5] >> 2;
    const uint64_t mantissa = (fci[5] & 0x03u) << 16 | byte_io::read16(&fci[6]);
    if (fci.size() < 8 + 4 * ssrc_count) return false;
    // An exponent over 46 would overflow 64 bits with an 18-bit mantissa.
    const uint64_t bitrate = exponent > 46 ? UINT64_MAX : mantissa << exponent;
    handler.on_remb(sender, bitrate, fci.subspan(8, 4 * ssrc_count));
  }
  return true;
}

}  // namespace meetgate::media::rtp
