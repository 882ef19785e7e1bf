// The engine's side of the media router (rtp::Router): the ABI's
// producer_* / consumer_* calls, the router's events turned into the
// plugin's media_event ("producer-closed", "consumer-closed", "audio-level")
// on the right PeerConnection, and the periodic tick (RTCP reports, NACKs,
// audio levels) on its own thread.
#pragma once

#include <meetgate/plugin.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "router.hpp"
#include "router_listener.hpp"
#include "sdp_description.hpp"

namespace meetgate::media {

class PeerConnectionRegistry;

class MediaRouter final : public rtp::RouterListener {
 public:
  MediaRouter();
  ~MediaRouter() override;  // stops the tick thread; the router closes what is left
  MediaRouter(const MediaRouter &) = delete;
  MediaRouter &operator=(const MediaRouter &) = delete;

  rtp::Router &router() { return router_; }
  // Set once the registry exists; cleared before it is destroyed.
  void set_registry(PeerConnectionRegistry *registry);
  // Stop the periodic tick (before the registry goes away). Idempotent.
  void stop_ticks();

  mg_producer_id create_producer(mg_pc_id pc, const std::string &mid, std::string &error);
  mg_consumer_id create_consumer(mg_producer_id producer, const mg_consumer_target &target,
                                 std::string &mid_out, std::string &error);
  void close_producer(mg_producer_id producer);
  void close_consumer(mg_consumer_id consumer);
  json_t *producer_stats(mg_producer_id producer) const;
  json_t *consumer_stats(mg_consumer_id consumer) const;
  void add_stats(json_t *stats) const;

  // rtp::RouterListener
  void on_producer_closed(rtp::ProducerId producer) override;
  void on_consumer_closed(rtp::ConsumerId consumer, std::string_view reason) override;
  void on_audio_level(rtp::ProducerId producer, int level_dbov, bool voice) override;
  void on_active_speaker(uint64_t speaker_group, rtp::ProducerId producer) override;

 private:
  struct ProducerInfo {
    mg_pc_id pc = 0;
    std::string mid;
    std::string kind;
    SdpCodec codec;
    std::vector<SdpExtension> extensions;
  };
  struct ConsumerInfo {
    mg_pc_id pc = 0;  // whose plugin hears about it (the target PC, or the producer's)
    std::string mid;  // MG_CONSUMER_PEER: its m-line
    bool peer = false;
  };
  mg_consumer_id create_local_consumer(mg_producer_id producer, const ProducerInfo &info,
                                       const mg_consumer_target &target, std::string &error);
  mg_consumer_id create_peer_consumer(mg_producer_id producer, const ProducerInfo &info,
                                      const mg_consumer_target &target, std::string &mid_out,
                                      std::string &error);
  void run_ticks();

  rtp::Router router_;
  mutable std::mutex mutex_;  // guards the maps and registry_
  PeerConnectionRegistry *registry_ = nullptr;
  std::unordered_map<mg_producer_id, ProducerInfo> producers_;
  std::unordered_map<mg_consumer_id, ConsumerInfo> consumers_;
  std::mutex tick_mutex_;
  std::condition_variable tick_cv_;
  bool stopping_ = false;
  std::thread tick_thread_;
};

}  // namespace meetgate::media
