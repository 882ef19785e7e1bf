#include "rtcp_writer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "byte_io.hpp"

namespace meetgate::media::rtp {
namespace {
constexpr size_t kMaxReportBlocks = 31;

void write_report_block(uint8_t *p, const ReportBlock &block) {
  byte_io::write32(p, block.ssrc);
  p[4] = block.fraction_lost;
  const int32_t lost = std::clamp(block.cumulative_lost, -0x800000, 0x7FFFFF);
  byte_io::write24(p + 5, static_cast<uint32_t>(lost) & 0xFFFFFF);
  byte_io::write32(p + 8, block.extended_highest_sequence);
  byte_io::write32(p + 12, block.jitter);
  byte_io::write32(p + 16, block.last_sr);
  byte_io::write32(p + 20, block.delay_since_last_sr);
}
}  // namespace

uint8_t *RtcpWriter::begin_packet(size_t size, uint8_t count, uint8_t type) {
  if (size > buffer_.size() - size_ || size % 4 != 0 || size / 4 - 1 > 0xFFFF) return nullptr;
  uint8_t *p = buffer_.data() + size_;
  p[0] = static_cast<uint8_t>(0x80 | (count & 0x1F));
  p[1] = type;
  byte_io::write16(p + 2, static_cast<uint16_t>(size / 4 - 1));
  size_ += size;
  return p;
}

bool RtcpWriter::add_sender_report(const SenderInfo &sender, std::span<const ReportBlock> blocks) {
  if (blocks.size() > kMaxReportBlocks) return false;
  uint8_t *p = begin_packet(28 + 24 * blocks.size(), static_cast<uint8_t>(blocks.size()),
                            rtcp_type::kSenderReport);
  if (!p) return false;
  byte_io::write32(p + 4, sender.ssrc);
  byte_io::write32(p + 8, static_cast<uint32_t>(sender.ntp_timestamp >> 32));
  byte_io::write32(p + 12, static_cast<uint32_t>(sender.ntp_timestamp));
  byte_io::write32(p + 16, sender.rtp_timestamp);
  byte_io::write32(p + 20, sender.packet_count);
  byte_io::write32(p + 24, sender.octet_count);
  for (size_t i = 0; i < blocks.size(); ++i) write_report_block(p + 28 + 24 * i, blocks[i]);
  return true;
}

bool RtcpWriter::add_receiver_report(uint32_t ssrc, std::span<const ReportBlock> blocks) {
  if (blocks.size() > kMaxReportBlocks) return false;
  uint8_t *p = begin_packet(8 + 24 * blocks.size(), static_cast<uint8_t>(blocks.size()),
                            rtcp_type::kReceiverReport);
  if (!p) return false;
  byte_io::write32(p + 4, ssrc);
  for (size_t i = 0; i < blocks.size(); ++i) write_report_block(p + 8 + 24 * i, blocks[i]);
  return true;
}

bool RtcpWriter::add_sdes_cname(uint32_t ssrc, std::string_view cname) {
  if (cname.size() > 255) return false;
  // SSRC, CNAME item (type 1, length, text), then a null item and padding.
  const size_t chunk = 4 + 2 + cname.size() + 1;
  const size_t size = 4 + (chunk + 3) / 4 * 4;
  uint8_t *p = begin_packet(size, 1, rtcp_type::kSourceDescription);
  if (!p) return false;
  std::memset(p + 4, 0, size - 4);
  byte_io::write32(p + 4, ssrc);
  p[8] = 1;
  p[9] = static_cast<uint8_t>(cname.size());
  if (!cname.empty()) std::memcpy(p + 10, cname.data(), cname.size());
  return true;
}

bool RtcpWriter::add_bye(uint32_t ssrc) {
  uint8_t *p = begin_packet(8, 1, rtcp_type::kBye);
  if (!p) return false;
  byte_io::write32(p + 4, ssrc);
  return true;
}

bool RtcpWriter::add_nack(uint32_t sender_ssrc, uint32_t media_ssrc,
                          std::span<const uint16_t> lost) {
  if (lost.empty()) return false;
  // Each entry covers pid..pid+16. Walk the list in sequence order (with
  // wrap-around) by sorting a bounded local copy.
  constexpr size_t kMaxLost = 512;
  std::array<uint16_t, kMaxLost> sorted;
  const size_t n = std::min(lost.size(), kMaxLost);
  std::copy_n(lost.begin(), n, sorted.begin());
  const uint16_t base = lost[0];
  std::sort(sorted.begin(), sorted.begin() + static_cast<ptrdiff_t>(n),
            [base](uint16_t a, uint16_t b) {
              return static_cast<uint16_t>(a - base) < static_cast<uint16_t>(b - base);
            });
  std::array<uint32_t, kMaxLost> entries;  // pid << 16 | blp
  size_t entry_count = 0;
  for (size_t i = 0; i < n;) {
    const uint16_t pid = sorted[i];
    uint16_t blp = 0;
    size_t j = i + 1;
    for (; j < n; ++j) {
      const uint16_t distance = static_cast<uint16_t>(sorted[j] - pid);
      if (distance == 0) continue;  // duplicate
      if (distance > 16) break;
      blp = static_cast<uint16_t>(blp | 1u << (distance - 1));
    }
    entries[entry_count++] = static_cast<uint32_t>(pid) << 16 | blp;
    i = j;
  }
  uint8_t *p =
      begin_packet(12 + 4 * entry_count, rtcp_fmt::kGenericNack, rtcp_type::kTransportFeedback);
  if (!p) return false;
  byte_io::write32(p + 4, sender_ssrc);
  byte_io::write32(p + 8, media_ssrc);
  for (size_t i = 0; i < entry_count; ++i) byte_io::write32(p + 12 + 4 * i, entries[i]);
  return true;
}

bool RtcpWriter::add_pli(uint32_t sender_ssrc, uint32_t media_ssrc) {
  uint8_t *p = begin_packet(12, rtcp_fmt::kPli, rtcp_type::kPayloadFeedback);
  if (!p) return false;
  byte_io::write32(p + 4, sender_ssrc);
  byte_io::write32(p + 8, media_ssrc);
  return true;
}

bool RtcpWriter::add_fir(uint32_t sender_ssrc, uint32_t media_ssrc, uint8_t seq_nr) {
  uint8_t *p = begin_packet(20, rtcp_fmt::kFir, rtcp_type::kPayloadFeedback);
  if (!p) return false;
  byte_io::write32(p + 4, sender_ssrc);
  byte_io::write32(p + 8, 0);  // RFC 5104: media source SSRC unused, the FCI names it
  byte_io::write32(p + 12, media_ssrc);
  byte_io::write32(p + 16, static_cast<uint32_t>(seq_nr) << 24);
  return true;
}

bool RtcpWriter::add_remb(uint32_t sender_ssrc, uint64_t bitrate_bps,
                          std::span<const uint32_t> ssrcs) {
  if (ssrcs.size() > 255) return false;
  uint8_t exponent = 0;
  uint64_t mantissa = bitrate_bps;
  while (mantissa > 0x3FFFF && exponent < 63) {  // 18-bit mantissa
    mantissa >>= 1;
    ++exponent;
  }
  uint8_t *p =
      begin_packet(20 + 4 * ssrcs.size(), rtcp_fmt::kApplicationLayer, rtcp_type::kPayloadFeedback);
  if (!p) return false;
  byte_io::write32(p + 4, sender_ssrc);
  byte_io::write32(p + 8, 0);
  std::memcpy(p + 12, "REMB", 4);
  p[16] = static_cast<uint8_t>(ssrcs.size());
  p[17] = static_cast<uint8_t>(exponent << 2 | (mantissa >> 16));
  byte_io::write16(p + 18, static_cast<uint16_t>(mantissa));
  for (size_t i = 0; i < ssrcs.size(); ++i) byte_io::write32(p + 20 + 4 * i, ssrcs[i]);
  return true;
}

bool RtcpWriter::add_raw(std::span<const uint8_t> packet) {
  if (packet.size() > buffer_.size() - size_) return false;
  std::memcpy(buffer_.data() + size_, packet.data(), packet.size());
  size_ += packet.size();
  return true;
}

}  // namespace meetgate::media::rtp
