// One incoming stream of the router (internal to Router): its layers'
// SSRCs (learnt from rid/repaired-rid when not signalled), receive stats,
// NACK generator, keyframe request limiter, audio level, and the snapshot of
// its consumers the fan-out walks.
//
// Locking: mutex_ guards the mutable state and is a leaf lock (nothing else
// is locked while it is held; KeyframeRequester and the feedback sink are
// called under it and must not call back into the Router). paused_ is atomic.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audio_level_meter.hpp"
#include "incoming_packet.hpp"
#include "keyframe_detector.hpp"
#include "keyframe_request_limiter.hpp"
#include "nack_generator.hpp"
#include "rate_meter.hpp"
#include "receive_stats.hpp"
#include "router.hpp"
#include "rtcp_handler.hpp"

namespace meetgate::media::rtp {

class Producer : private RtcpHandler {
 public:
  static constexpr size_t kMaxLayers = 4;
  using ConsumerList = std::vector<std::shared_ptr<Consumer>>;

  Producer(ProducerId id, const ProducerOptions &options, const RouterConfig &config);
  // Checks options before construction; "" if fine.
  static std::string validate(const ProducerOptions &options);

  ProducerId id() const { return id_; }
  const ProducerOptions &options() const { return options_; }
  VideoCodec codec() const { return codec_; }
  bool is_video() const { return options_.kind == MG_MEDIA_VIDEO; }
  size_t layer_count() const { return layer_count_; }

  // Classifies and accounts one packet (single caller thread at a time).
  // nullopt = discarded. The view may point into this producer's scratch
  // buffer (RTX unwrapped): valid until the next ingest.
  std::optional<IncomingPacket> ingest(std::span<const uint8_t> packet, uint64_t arrival_us);
  void on_rtcp(std::span<const uint8_t> packet, uint64_t now_us);

  bool paused() const { return paused_.load(std::memory_order_relaxed); }
  void set_paused(bool paused) { paused_.store(paused, std::memory_order_relaxed); }

  // Rate-limited keyframe request for one layer (-1: every known layer).
  void request_keyframe(int layer, uint64_t now_us);

  // Copy-on-write consumer list (control path allocates, fan-out does not).
  std::shared_ptr<const ConsumerList> consumers() const;
  void add_consumer(const std::shared_ptr<Consumer> &consumer);
  void remove_consumer(const Consumer *consumer);
  std::shared_ptr<const ConsumerList> take_consumers();

  // Periodic: NACKs (and RR/REMB when `report_due`) toward the sender,
  // through options().feedback_sink.
  void send_feedback(uint64_t now_us, bool report_due);
  AudioLevelMeter::Level take_audio_level();
  void stats(uint64_t now_us, ProducerStats &out) const;

 private:
  struct Layer {
    explicit Layer(const ProducerLayer &config, uint32_t clock_rate, const RouterConfig &router);
    uint32_t ssrc;
    uint32_t rtx_ssrc;
    std::string rid;
    ReceiveStats receive;
    NackGenerator nack;
    KeyframeRequestLimiter keyframe_limiter;
    uint64_t last_arrival_us = 0;
    bool seen = false;
  };

  int find_layer(uint32_t ssrc, bool &is_rtx) const;
  int learn_layer(const RtpPacketView &view, bool is_rtx);
  std::optional<RtpPacketView> unwrap_rtx(const RtpPacketView &rtx, uint32_t media_ssrc);
  void account(Layer &layer, const IncomingPacket &in, size_t bytes, uint64_t arrival_us);
  uint32_t active_layers(uint64_t now_us) const;
  void request_layer_keyframe(Layer &layer, uint64_t now_us);
  void on_sender_report(const SenderInfo &sender) override;

  const ProducerId id_;
  const ProducerOptions options_;
  const RouterConfig config_;
  const VideoCodec codec_;
  const uint32_t feedback_ssrc_;
  size_t layer_count_;
  std::atomic<bool> paused_{false};

  mutable std::mutex mutex_;
  std::vector<Layer> layers_;  // fixed size after construction
  RateMeter rate_;
  AudioLevelMeter audio_level_;
  uint64_t keyframes_ = 0;
  uint64_t discarded_ = 0;
  uint64_t repaired_ = 0;
  uint64_t rtcp_now_us_ = 0;  // the time of the RTCP being parsed
  std::shared_ptr<const ConsumerList> consumers_;
  std::array<uint8_t, 1500> rtx_scratch_{};  // the ingest thread's unwrapped RTX packet
};

}  // namespace meetgate::media::rtp
