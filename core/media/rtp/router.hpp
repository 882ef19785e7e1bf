// The media router (DESIGN.md principle 3): producers are incoming streams,
// consumers are things their packets are forwarded to. The router does the
// per-packet fan-out (SSRC/sequence/timestamp/PT/extension rewriting,
// keyframe gating, simulcast layer choice), answers consumers' NACKs from a
// per-consumer retransmission ring, rate-limits keyframe requests upstream,
// keeps receive stats and generates RR/NACK/REMB for producers and SR for
// consumers. It never touches a socket or a key: the PeerConnection side
// decrypts before on_producer_rtp and encrypts in its PacketSink.
//
// Threading (see README.md):
//  - on_producer_rtp/on_producer_rtcp for one producer come from one thread
//    at a time (its PeerConnection's media worker).
//  - on_consumer_rtcp comes from the consumer's PeerConnection worker.
//  - add_*/remove_*/pause_*/set_layers/stats/tick may come from any thread.
//  A std::shared_mutex guards the id maps (held shared, briefly, to look up an
//  id on the packet path). Each producer keeps an immutable snapshot of its
//  consumer list (copy-on-write, replaced under the producer's mutex on the
//  control path); the fan-out copies the snapshot pointer and walks it
//  without the router lock. Each consumer has its own mutex guarding its
//  rewriter, retransmission ring and stats, held while its packet is
//  rewritten and handed to its sink. remove_consumer marks the consumer
//  closed under that mutex, so once it returns the sink is never called again.
//
// Time: every *_us argument is std::chrono::steady_clock (CLOCK_MONOTONIC)
// microseconds, the clock of mg_rtp_packet.arrival_us; Router::now_us()
// reads it. SR NTP times are derived from it with a fixed offset.
//
// Allocation: none on the per-packet path (on_producer_rtp, on_consumer_rtcp
// NACK answers): buffers are preallocated per consumer/producer when they are
// added. Control operations allocate.
#pragma once

#include <meetgate/media.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "header_extension_ids.hpp"
#include "keyframe_requester.hpp"
#include "media_stats.hpp"
#include "packet_sink.hpp"
#include "router_listener.hpp"

namespace meetgate::media::rtp {

class ActiveSpeakerDetector;
class Consumer;
class Producer;

struct RouterConfig {
  uint64_t keyframe_request_interval_us = 500'000;   // at most one PLI/FIR per SSRC per interval
  uint64_t receiver_report_interval_us = 1'000'000;  // RR toward producers, SR toward consumers
  uint64_t nack_interval_us = 20'000;                // how often tick() may emit NACKs
  uint32_t nack_max_retries = 10;                    // per missing sequence number
  size_t video_retransmission_slots = 256;  // per video consumer: ~1 s at 2.5 Mbit/s, 1500 B each
  size_t audio_retransmission_slots = 64;   // per audio consumer (power of two, 0 = none)
  uint64_t audio_level_interval_us = 500'000;  // on_audio_level / active speaker throttle
  uint64_t active_speaker_hold_us =
      1'500'000;                            // hysteresis: minimum time a speaker keeps the floor
  int active_speaker_switch_margin_db = 6;  // a challenger must be this much louder
  // The clock of the control calls that have no time argument (add_consumer,
  // pause_*, stats); empty = Router::now_us. Tests inject a simulated one.
  std::function<uint64_t()> clock;
};

// One simulcast layer (or the only stream). Layers are listed lowest first.
struct ProducerLayer {
  uint32_t ssrc = 0;      // 0 = learn from the first packet (matched by rid, or the only layer)
  uint32_t rtx_ssrc = 0;  // RFC 4588 retransmission stream, 0 = none/learn by repaired-rid
  std::string rid;        // simulcast rid, "" = none
};

struct ProducerOptions {
  mg_media_kind kind = MG_MEDIA_VIDEO;
  std::string codec;  // "VP8", "VP9", "H264", "opus", ...
  uint32_t clock_rate = 90000;
  uint8_t payload_type = 96;     // the incoming media PT
  uint8_t rtx_payload_type = 0;  // 0 = no RTX
  uint8_t channels = 1;
  std::vector<ProducerLayer> layers;  // empty = one layer learnt from the first packet
  HeaderExtensionIds extensions;      // the producer transport's ids
  uint32_t feedback_ssrc = 0;         // sender SSRC of our RR/NACK/REMB (0 = picked)
  uint64_t max_bitrate_bps = 0;       // sent as REMB each report interval (0 = no REMB)
  bool nack = true;                   // generate NACKs for gaps
  uint64_t speaker_group = 0;         // audio: active-speaker group (0 = none)
  std::shared_ptr<KeyframeRequester> keyframe_requester;  // video: may be null
  std::shared_ptr<PacketSink> feedback_sink;  // RR/NACK/REMB toward the sender (send_rtcp)
};

struct ConsumerOptions {
  uint32_t ssrc = 0;              // 0 = picked
  uint8_t payload_type = 0;       // 0 = the producer's
  std::string mid;                // written into the mid extension when negotiated
  std::string cname;              // SDES CNAME sent with our SRs ("" = none)
  HeaderExtensionIds extensions;  // the consumer transport's ids (0 = leave out)
  bool paused = false;
  int preferred_spatial_layer = -1;   // -1 = highest
  int preferred_temporal_layer = -1;  // -1 = highest
  std::shared_ptr<PacketSink> sink;   // required
};

class Router {
 public:
  explicit Router(RouterConfig config = {}, RouterListener *listener = nullptr);
  ~Router();  // closes every consumer (sinks get on_closed) without events
  Router(const Router &) = delete;
  Router &operator=(const Router &) = delete;

  static uint64_t now_us();

  // --- control (any thread) ---------------------------------------------
  // 0 with `error` set if the options are invalid.
  ProducerId add_producer(const ProducerOptions &options, std::string &error);
  // Closes its consumers ("producer-closed"), then reports the producer.
  bool remove_producer(ProducerId producer);
  bool pause_producer(ProducerId producer, bool paused);

  ConsumerId add_consumer(ProducerId producer, const ConsumerOptions &options, std::string &error);
  bool remove_consumer(ConsumerId consumer, std::string_view reason = "closed");
  // Resuming gates video on the next keyframe and requests one.
  bool pause_consumer(ConsumerId consumer, bool paused);
  // Simulcast: switch at the next keyframe of the chosen layer (-1 = highest).
  bool set_layers(ConsumerId consumer, int spatial, int temporal);

  bool producer_stats(ProducerId producer, ProducerStats &out) const;
  bool consumer_stats(ConsumerId consumer, ConsumerStats &out) const;
  // The consumer's outgoing SSRC and PT (for the SDP of its m-line).
  bool consumer_ssrc(ConsumerId consumer, uint32_t &ssrc, uint8_t &payload_type) const;
  ProducerId consumer_producer(ConsumerId consumer) const;
  size_t producer_count() const;
  size_t consumer_count() const;
  uint64_t forwarded_packets() const;  // since the router was created

  // Ask the producer's sender for a keyframe (rate-limited). The ABI's
  // request_keyframe lands here when the pc has a producer on that mid.
  bool request_keyframe(ProducerId producer, uint64_t now_us);

  // --- packet path --------------------------------------------------------
  // A decrypted RTP packet of `producer`, arrival time in monotonic us.
  // Returns false if it was discarded (unknown producer, invalid packet,
  // unknown SSRC/PT).
  bool on_producer_rtp(ProducerId producer, std::span<const uint8_t> packet, uint64_t arrival_us);
  // A decrypted RTCP compound from the producer's sender (SR: for our RR's
  // LSR/DLSR; BYE).
  bool on_producer_rtcp(ProducerId producer, std::span<const uint8_t> packet, uint64_t now_us);
  // A decrypted RTCP compound from the consumer's receiver: NACK ->
  // retransmit from the ring; PLI/FIR -> keyframe request upstream; RR ->
  // loss, jitter, RTT; REMB -> available bitrate.
  bool on_consumer_rtcp(ConsumerId consumer, std::span<const uint8_t> packet, uint64_t now_us);

  // Periodic work, e.g. every 20 ms from a timer on any one thread: NACKs
  // and RR/REMB toward producers, SR toward consumers, audio levels and
  // active-speaker events (delivered after the tick's own lock is released).
  void tick(uint64_t now_us);

 private:
  std::shared_ptr<Producer> find_producer(ProducerId id) const;
  std::shared_ptr<Consumer> find_consumer(ConsumerId id) const;
  void close_consumer(const std::shared_ptr<Consumer> &consumer, std::string_view reason,
                      bool report);
  struct AudioLevelEvent {
    ProducerId producer;
    int dbov;
    bool voice;
  };
  void tick_audio_levels(uint64_t now_us, std::vector<AudioLevelEvent> &levels,
                         std::vector<std::pair<uint64_t, ProducerId>> &speakers);
  uint64_t clock_now() const { return config_.clock ? config_.clock() : now_us(); }

  const RouterConfig config_;
  RouterListener *const listener_;
  const uint64_t ntp_offset_us_;     // steady_clock us + this = us since 1900-01-01
  mutable std::shared_mutex mutex_;  // guards the maps and id counters
  std::unordered_map<ProducerId, std::shared_ptr<Producer>> producers_;
  std::unordered_map<ConsumerId, std::shared_ptr<Consumer>> consumers_;
  ProducerId next_producer_id_ = 1;
  ConsumerId next_consumer_id_ = 1;
  std::atomic<uint64_t> retired_forwarded_{0};  // packets of consumers already closed

  // tick() state: one tick at a time.
  std::mutex tick_mutex_;
  uint64_t last_report_us_ = 0;
  uint64_t last_nack_us_ = 0;
  uint64_t last_audio_level_us_ = 0;
  std::vector<std::shared_ptr<Producer>> tick_producers_;  // reused each tick
  std::vector<std::shared_ptr<Consumer>> tick_consumers_;
  std::unordered_map<uint64_t, std::unique_ptr<ActiveSpeakerDetector>> speakers_;
};

}  // namespace meetgate::media::rtp
