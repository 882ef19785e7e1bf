// What RtcpParser reports while walking a compound packet. Override the
// callbacks of interest; the others ignore their packet. Spans point into
// the parsed buffer and are valid only during the callback.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "rtcp_types.hpp"

namespace meetgate::media::rtp {

class RtcpHandler {
 public:
  virtual ~RtcpHandler() = default;
  virtual void on_sender_report(const SenderInfo & /*sender*/) {}
  // From an SR or RR sent by `reporter_ssrc`.
  virtual void on_report_block(uint32_t /*reporter_ssrc*/, const ReportBlock & /*block*/) {}
  virtual void on_sdes_item(uint32_t /*ssrc*/, uint8_t /*type*/, std::string_view /*value*/) {}
  virtual void on_bye(uint32_t /*ssrc*/) {}
  // One generic NACK FCI entry: `pid` lost, plus pid+1+i for each set bit i of `blp`.
  virtual void on_nack(uint32_t /*sender_ssrc*/, uint32_t /*media_ssrc*/, uint16_t /*pid*/,
                       uint16_t /*blp*/) {}
  virtual void on_pli(uint32_t /*sender_ssrc*/, uint32_t /*media_ssrc*/) {}
  virtual void on_fir(uint32_t /*sender_ssrc*/, uint32_t /*media_ssrc*/, uint8_t /*seq_nr*/) {}
  // `ssrcs` is the raw 4-byte-per-SSRC list (read with byte_io::read32).
  virtual void on_remb(uint32_t /*sender_ssrc*/, uint64_t /*bitrate_bps*/,
                       std::span<const uint8_t> /*ssrcs*/) {}
  // The FCI of a transport-cc feedback (decode with TransportCcFeedbackParser).
  virtual void on_transport_cc(uint32_t /*sender_ssrc*/, uint32_t /*media_ssrc*/,
                               std::span<const uint8_t> /*fci*/) {}
};

}  // namespace meetgate::media::rtp
