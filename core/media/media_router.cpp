#include "media_router.hpp"

#include <glib.h>

#include <chrono>

#include "peer_connection.hpp"
#include "peer_connection_link.hpp"
#include "peer_connection_registry.hpp"
#include "sink_consumer.hpp"
#include "srtp_forwarder.hpp"
#include "udp_forwarder.hpp"

namespace meetgate::media {
namespace {

constexpr auto kTickInterval = std::chrono::milliseconds(20);

uint64_t now_us() {
  return static_cast<uint64_t>(g_get_monotonic_time());
}

json_t *integer(uint64_t value) {
  return json_integer(static_cast<json_int_t>(value));
}

json_t *stream_json(const rtp::StreamStats &stats) {
  json_t *json = json_object();
  json_object_set_new(json, "packets", integer(stats.packets));
  json_object_set_new(json, "bytes", integer(stats.bytes));
  json_object_set_new(json, "bitrate", integer(stats.bitrate_bps));
  json_object_set_new(json, "packets_lost", json_integer(stats.packets_lost));
  json_object_set_new(json, "loss", json_real(stats.fraction_lost));
  json_object_set_new(json, "nacks", integer(stats.nacks));
  json_object_set_new(json, "plis", integer(stats.plis));
  json_object_set_new(json, "rtt_ms", json_real(stats.rtt_ms));
  json_object_set_new(json, "jitter", json_real(stats.jitter_ms));
  return json;
}

rtp::HeaderExtensionIds extension_ids(const Transceiver &t) {
  rtp::HeaderExtensionIds ids;
  ids.mid = static_cast<uint8_t>(t.extension_id("urn:ietf:params:rtp-hdrext:sdes:mid"));
  ids.audio_level =
      static_cast<uint8_t>(t.extension_id("urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
  ids.abs_send_time = static_cast<uint8_t>(
      t.extension_id("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"));
  ids.transport_cc = static_cast<uint8_t>(
      t.extension_id("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"));
  return ids;
}

}  // namespace

MediaRouter::MediaRouter() : router_({}, this), tick_thread_([this] { run_ticks(); }) {}

MediaRouter::~MediaRouter() {
  stop_ticks();
}

void MediaRouter::stop_ticks() {
  {
    std::lock_guard lock(tick_mutex_);
    stopping_ = true;
  }
  tick_cv_.notify_one();
  if (tick_thread_.joinable()) tick_thread_.join();
}

void MediaRouter::set_registry(PeerConnectionRegistry *registry) {
  std::lock_guard lock(mutex_);
  registry_ = registry;
}

void MediaRouter::run_ticks() {
  std::unique_lock lock(tick_mutex_);
  while (!tick_cv_.wait_for(lock, kTickInterval, [this] { return stopping_; })) {
    lock.unlock();
    router_.tick(now_us());
    lock.lock();
  }
}

mg_producer_id MediaRouter::create_producer(mg_pc_id pc, const std::string &mid,
                                            std::string &error) {
  PeerConnectionRegistry *registry = nullptr;
  {
    std::lock_guard lock(mutex_);
    registry = registry_;
  }
  error = "unknown PeerConnection";
  mg_producer_id id = 0;
  ProducerInfo info;
  if (!registry) return 0;
  registry->with(pc, [&](PeerConnection &connection) {
    rtp::ProducerOptions options;
    if (!connection.describe_producer(mid, options, error)) return;
    auto link = std::make_shared<PeerConnectionLink>(*registry, pc);
    options.keyframe_requester = link;
    options.feedback_sink = link;
    id = router_.add_producer(options, error);
    if (!id) return;
    connection.attach_producer(mid, id);
    const Transceiver *t = connection.transceiver(mid);
    info = {pc, mid, t->kind, t->codecs.front(), t->extensions};
  });
  if (id) {
    std::lock_guard lock(mutex_);
    producers_[id] = std::move(info);
  }
  return id;
}

mg_consumer_id MediaRouter::create_consumer(mg_producer_id producer,
                                            const mg_consumer_target &target, std::string &mid_out,
                                            std::string &error) {
  ProducerInfo info;
  {
    std::lock_guard lock(mutex_);
    auto found = producers_.find(producer);
    if (found == producers_.end()) {
      error = "unknown producer";
      return 0;
    }
    info = found->second;
  }
  if (target.type == MG_CONSUMER_PEER)
    return create_peer_consumer(producer, info, target, mid_out, error);
  return create_local_consumer(producer, info, target, error);
}

mg_consumer_id MediaRouter::create_peer_consumer(mg_producer_id producer, const ProducerInfo &info,
                                                 const mg_consumer_target &target,
                                                 std::string &mid_out, std::string &error) {
  PeerConnectionRegistry *registry = nullptr;
  {
    std::lock_guard lock(mutex_);
    registry = registry_;
  }
  error = "unknown target PeerConnection";
  mg_consumer_id id = 0;
  if (!registry) return 0;
  registry->with(target.pc, [&](PeerConnection &connection) {
    const Transceiver &t =
        connection.add_consumer_transceiver(info.kind, info.codec, info.extensions);
    rtp::ConsumerOptions options;
    options.ssrc = t.local_ssrc;
    options.payload_type = info.codec.payload_type;
    options.mid = t.mid;
    options.extensions = extension_ids(t);
    options.sink = std::make_shared<PeerConnectionLink>(*registry, target.pc);
    // Until its transport is up nothing it sends arrives (the first
    // keyframe included): start paused, PeerConnection resumes on connect.
    options.paused = !connection.connected();
    std::string mid = t.mid;
    id = router_.add_consumer(producer, options, error);
    if (id) connection.attach_consumer(mid, id, options.paused);
    mid_out = mid;
  });
  if (id) {
    std::lock_guard lock(mutex_);
    consumers_[id] = {target.pc, mid_out, true};
  }
  return id;
}

mg_consumer_id MediaRouter::create_local_consumer(mg_producer_id producer, const ProducerInfo &info,
                                                  const mg_consumer_target &target,
                                                  std::string &error) {
  rtp::ConsumerOptions options;
  mg_media_kind kind = info.kind == "audio" ? MG_MEDIA_AUDIO : MG_MEDIA_VIDEO;
  if (target.type == MG_CONSUMER_SINK) {
    if (!target.sink_packet) {
      error = "a sink consumer needs sink_packet";
      return 0;
    }
    options.sink = std::make_shared<rtp::SinkConsumer>(
        target, kind, info.codec.name, info.codec.clock_rate, info.codec.payload_type,
        info.codec.channels ? info.codec.channels : 1);
  } else if (target.type == MG_CONSUMER_FORWARDER) {
    if (!target.host || !target.port) {
      error = "a forwarder needs host and port";
      return 0;
    }
    const auto rtcp_port = static_cast<uint16_t>(target.port + 1);
    if (target.srtp_key_base64) {
      auto forwarder =
          SrtpForwarder::open(target.host, target.port, rtcp_port, target.srtp_key_base64, error);
      if (!forwarder) return 0;
      options.sink = std::move(forwarder);
    } else {
      auto forwarder = rtp::UdpForwarder::open(target.host, target.port, rtcp_port, error);
      if (!forwarder) return 0;
      options.sink = std::move(forwarder);
    }
    options.ssrc = target.ssrc;
    options.payload_type = target.payload_type;
  } else {
    error = "unknown consumer type";
    return 0;
  }
  mg_consumer_id id = router_.add_consumer(producer, options, error);
  if (id) {
    std::lock_guard lock(mutex_);
    consumers_[id] = {info.pc, "", false};
  }
  return id;
}

void MediaRouter::close_producer(mg_producer_id producer) {
  router_.remove_producer(producer);
}

void MediaRouter::close_consumer(mg_consumer_id consumer) {
  router_.remove_consumer(consumer);
}

json_t *MediaRouter::producer_stats(mg_producer_id producer) const {
  rtp::ProducerStats stats;
  if (!router_.producer_stats(producer, stats)) return nullptr;
  json_t *json = stream_json(stats);
  json_object_set_new(json, "keyframes", integer(stats.keyframes));
  json_object_set_new(json, "audio_level_dbov", json_integer(stats.audio_level_dbov));
  json_object_set_new(json, "paused", json_boolean(stats.paused));
  return json;
}

json_t *MediaRouter::consumer_stats(mg_consumer_id consumer) const {
  rtp::ConsumerStats stats;
  if (!router_.consumer_stats(consumer, stats)) return nullptr;
  json_t *json = stream_json(stats);
  json_object_set_new(json, "retransmitted", integer(stats.packets_retransmitted));
  json_object_set_new(json, "dropped", integer(stats.packets_dropped));
  json_object_set_new(json, "available_bitrate", integer(stats.available_bitrate_bps));
  json_object_set_new(json, "paused", json_boolean(stats.paused));
  return json;
}

void MediaRouter::add_stats(json_t *stats) const {
  json_object_set_new(stats, "producers", integer(router_.producer_count()));
  json_object_set_new(stats, "consumers", integer(router_.consumer_count()));
  json_object_set_new(stats, "forwarded_packets", integer(router_.forwarded_packets()));
}

// The handlers copy what they need and drop the lock before posting: the
// post may run inline, and the plugin's hook may call back into us.
void MediaRouter::on_producer_closed(rtp::ProducerId producer) {
  PeerConnectionRegistry *registry = nullptr;
  mg_pc_id pc = 0;
  {
    std::lock_guard lock(mutex_);
    auto found = producers_.find(producer);
    if (found == producers_.end()) return;
    registry = registry_;
    pc = found->second.pc;
    producers_.erase(found);
  }
  if (registry)
    registry->post(pc, [producer](PeerConnection &connection) {
      connection.detach(producer, true);
      connection.notify(json_pack("{s:s,s:I}", "event", "producer-closed", "producer",
                                  static_cast<json_int_t>(producer)));
    });
}

void MediaRouter::on_consumer_closed(rtp::ConsumerId consumer, std::string_view reason) {
  PeerConnectionRegistry *registry = nullptr;
  mg_pc_id pc = 0;
  {
    std::lock_guard lock(mutex_);
    auto found = consumers_.find(consumer);
    if (found == consumers_.end()) return;
    registry = registry_;
    pc = found->second.pc;
    consumers_.erase(found);
  }
  std::string why(reason);
  if (registry)
    registry->post(pc, [consumer, why](PeerConnection &connection) {
      connection.detach(consumer, false);
      connection.notify(json_pack("{s:s,s:I,s:s}", "event", "consumer-closed", "consumer",
                                  static_cast<json_int_t>(consumer), "reason", why.c_str()));
    });
}

void MediaRouter::on_audio_level(rtp::ProducerId producer, int level_dbov, bool voice) {
  PeerConnectionRegistry *registry = nullptr;
  mg_pc_id pc = 0;
  std::string mid;
  {
    std::lock_guard lock(mutex_);
    auto found = producers_.find(producer);
    if (found == producers_.end() || !registry_) return;
    registry = registry_;
    pc = found->second.pc;
    mid = found->second.mid;
  }
  registry->post(pc, [mid, level_dbov, voice](PeerConnection &connection) {
    connection.notify(json_pack("{s:s,s:s,s:i,s:b}", "event", "audio-level", "mid", mid.c_str(),
                                "level_dbov", level_dbov, "voice", voice));
  });
}

void MediaRouter::on_active_speaker(uint64_t, rtp::ProducerId) {
  // The ABI has no speaker groups yet: plugins pick speakers from audio-level.
}

}  // namespace meetgate::media
