// The PacketSink of an MG_CONSUMER_SINK consumer: hands each rewritten RTP
// packet to the plugin's mg_sink_packet_fn (recorder, AI pipelines) and
// calls its mg_sink_closed_fn exactly once when the consumer closes. RTCP
// is not passed to local sinks.
#pragma once

#include <meetgate/media.h>

#include <atomic>
#include <string>

#include "packet_sink.hpp"

namespace meetgate::media::rtp {

class SinkConsumer final : public PacketSink {
 public:
  // `codec` is copied; `target` must be an MG_CONSUMER_SINK with sink_packet set.
  SinkConsumer(const mg_consumer_target &target, mg_media_kind kind, std::string codec,
               uint32_t clock_rate, uint8_t payload_type, uint8_t channels);
  ~SinkConsumer() override;  // calls sink_closed if on_closed never ran

  void send_rtp(std::span<const uint8_t> packet) override;
  void send_rtcp(std::span<const uint8_t> packet) override;
  void on_closed() override;

 private:
  std::string codec_;  // owns the string mg_sink_info::codec points to
  mg_sink_info info_;
  mg_sink_packet_fn packet_fn_;
  mg_sink_closed_fn closed_fn_;
  void *opaque_;
  std::atomic<bool> closed_{false};
};

}  // namespace meetgate::media::rtp
