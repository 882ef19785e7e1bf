#include "sink_consumer.hpp"

namespace meetgate::media::rtp {

SinkConsumer::SinkConsumer(const mg_consumer_target &target, mg_media_kind kind, std::string codec,
                           uint32_t clock_rate, uint8_t payload_type, uint8_t channels)
    : codec_(std::move(codec)),
      info_{kind, nullptr, clock_rate, payload_type, channels},
      packet_fn_(target.sink_packet),
      closed_fn_(target.sink_closed),
      opaque_(target.sink_opaque) {
  info_.codec = codec_.c_str();
}

SinkConsumer::~SinkConsumer() {
  on_closed();
}

void SinkConsumer::send_rtp(std::span<const uint8_t> packet) {
  if (packet_fn_ && !closed_.load(std::memory_order_relaxed))
    packet_fn_(opaque_, &info_, packet.data(), packet.size());
}

void SinkConsumer::send_rtcp(std::span<const uint8_t>) {}

void SinkConsumer::on_closed() {
  if (closed_.exchange(true)) return;
  if (closed_fn_) closed_fn_(opaque_);
}

}  // namespace meetgate::media::rtp
