// One consumer of the router (internal to Router): the rewriting state of
// its output stream (SSRC, sequence/timestamp offsets, PT, extension ids),
// keyframe gating, simulcast layer choice, its retransmission ring, its
// receiver's reports and its sink.
//
// Locking: mutex_ guards all of it; the fan-out holds it while the packet is
// rewritten and handed to the sink, the NACK path while it resends.
// close() sets closed_ under it, so after close() returns the sink is never
// called again. The producer's mutex is never taken while it is held.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "incoming_packet.hpp"
#include "keyframe_detector.hpp"
#include "rate_meter.hpp"
#include "retransmission_buffer.hpp"
#include "router.hpp"
#include "rtcp_handler.hpp"
#include "rtp_stream_rewriter.hpp"

namespace meetgate::media::rtp {

class Consumer : private RtcpHandler {
 public:
  Consumer(ConsumerId id, ProducerId producer, const ProducerOptions &producer_options,
           const ConsumerOptions &options, uint32_t ssrc, const RouterConfig &config,
           uint64_t ntp_offset_us);

  ConsumerId id() const { return id_; }
  ProducerId producer_id() const { return producer_id_; }
  uint32_t ssrc() const { return ssrc_; }
  uint8_t payload_type() const { return payload_type_; }

  enum class Verdict { kSent, kDropped, kNeedKeyframe };
  // Rewrites and sends one producer packet. kNeedKeyframe: dropped, and the
  // caller should request a keyframe of `keyframe_layer` upstream.
  Verdict forward(const IncomingPacket &in, bool producer_paused, int &keyframe_layer);

  // NACK -> resend; PLI/FIR -> returns true (ask the producer for a
  // keyframe); RR -> loss/jitter/RTT; REMB -> available bitrate.
  bool on_rtcp(std::span<const uint8_t> packet, uint64_t now_us);
  // Periodic sender report (plus SDES CNAME) through the sink.
  void send_sender_report(uint64_t now_us);

  void set_paused(bool paused);
  void set_layers(int spatial, int temporal);
  // Mark closed (no more sink calls); true the first time.
  bool close();
  std::shared_ptr<PacketSink> sink() const { return options_.sink; }
  void stats(uint64_t now_us, ConsumerStats &out) const;
  int current_layer() const;
  static constexpr int kMaxTemporalLayer = 7;
  uint64_t forwarded() const { return forwarded_.load(std::memory_order_relaxed); }

 private:
  bool choose_layer(const IncomingPacket &in, int &keyframe_layer);
  bool temporal_layer_wanted(const IncomingPacket &in);
  int temporal_target() const;
  size_t write_packet(const RtpPacketView &source, std::span<uint8_t> out, uint16_t sequence,
                      uint32_t timestamp) const;
  void on_nack(uint32_t sender_ssrc, uint32_t media_ssrc, uint16_t pid, uint16_t blp) override;
  void on_pli(uint32_t sender_ssrc, uint32_t media_ssrc) override;
  void on_fir(uint32_t sender_ssrc, uint32_t media_ssrc, uint8_t seq_nr) override;
  void on_report_block(uint32_t reporter_ssrc, const ReportBlock &block) override;
  void on_remb(uint32_t sender_ssrc, uint64_t bitrate_bps, std::span<const uint8_t> ssrcs) override;
  void resend(uint16_t sequence);

  const ConsumerId id_;
  const ProducerId producer_id_;
  const ConsumerOptions options_;
  const HeaderExtensionIds producer_extensions_;
  const RouterConfig config_;
  const uint32_t ssrc_;
  const uint8_t payload_type_;
  const uint32_t clock_rate_;
  const bool video_;
  const size_t layer_count_;
  const bool two_byte_extensions_;

  mutable std::mutex mutex_;
  bool closed_ = false;
  bool paused_;
  bool interrupted_ = false;  // packets were dropped by a pause: resume on a keyframe
  bool waiting_for_keyframe_;
  int preferred_spatial_ = -1;
  int preferred_temporal_ = -1;
  int current_layer_ = -1;
  int current_temporal_ = 0;  // highest temporal layer forwarded now
  uint32_t current_source_ssrc_ = 0;
  RtpStreamRewriter rewriter_;
  RetransmissionBuffer retransmissions_;
  std::array<uint8_t, RetransmissionBuffer::kSlotSize> scratch_{};  // when the ring is off
  RateMeter rate_;
  std::atomic<uint64_t> forwarded_{0};
  uint64_t packets_ = 0;
  uint64_t bytes_ = 0;
  uint64_t payload_bytes_ = 0;
  uint64_t dropped_ = 0;
  uint64_t retransmitted_ = 0;
  uint64_t nacks_ = 0;
  uint64_t plis_ = 0;
  bool keyframe_asked_ = false;  // set by on_pli/on_fir during on_rtcp
  uint64_t rtcp_now_us_ = 0;
  const uint64_t ntp_offset_us_;  // monotonic us + this = us since the NTP epoch
  // From the receiver's reports.
  uint8_t fraction_lost_ = 0;
  int32_t packets_lost_ = 0;
  uint32_t jitter_ = 0;
  double rtt_ms_ = 0;
  uint64_t available_bitrate_bps_ = 0;
};

}  // namespace meetgate::media::rtp
