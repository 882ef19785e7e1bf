// Appends RTCP packets to a compound in a caller-owned buffer: SR, RR, SDES
// CNAME, BYE, generic NACK, PLI, FIR, REMB, and a prebuilt packet (the
// transport-cc feedback of TransportCcFeedbackBuilder). Never allocates; an
// append that does not fit returns false and leaves the compound unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "rtcp_types.hpp"

namespace meetgate::media::rtp {

class RtcpWriter {
 public:
  explicit RtcpWriter(std::span<uint8_t> buffer) : buffer_(buffer) {}

  bool add_sender_report(const SenderInfo &sender, std::span<const ReportBlock> blocks);
  bool add_receiver_report(uint32_t ssrc, std::span<const ReportBlock> blocks);
  bool add_sdes_cname(uint32_t ssrc, std::string_view cname);
  bool add_bye(uint32_t ssrc);
  // Packs the lost sequence numbers (in any order) into PID/BLP entries.
  bool add_nack(uint32_t sender_ssrc, uint32_t media_ssrc, std::span<const uint16_t> lost);
  bool add_pli(uint32_t sender_ssrc, uint32_t media_ssrc);
  bool add_fir(uint32_t sender_ssrc, uint32_t media_ssrc, uint8_t seq_nr);
  bool add_remb(uint32_t sender_ssrc, uint64_t bitrate_bps, std::span<const uint32_t> ssrcs);
  bool add_raw(std::span<const uint8_t> packet);

  std::span<const uint8_t> data() const { return buffer_.first(size_); }
  size_t size() const { return size_; }

 private:
  // Writes the 4-byte common header of a packet of `size` bytes (a multiple of 4).
  uint8_t *begin_packet(size_t size, uint8_t count, uint8_t type);

  std::span<uint8_t> buffer_;
  size_t size_ = 0;
};

}  // namespace meetgate::media::rtp
