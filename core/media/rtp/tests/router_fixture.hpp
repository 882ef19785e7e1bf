// A Router with recording sinks, requester and listener, plus a VP8
// sender that numbers its packets, shared by the router and allocation tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "router.hpp"
#include "rtp_packet_view.hpp"
#include "test_support.hpp"

namespace meetgate::media::rtp::test {

class RecordingListener : public RouterListener {
 public:
  void on_producer_closed(ProducerId producer) override { producers_closed.push_back(producer); }
  void on_consumer_closed(ConsumerId consumer, std::string_view reason) override {
    consumers_closed.emplace_back(consumer, std::string(reason));
  }
  void on_audio_level(ProducerId producer, int level, bool voice) override {
    levels.push_back({producer, level, voice});
  }
  void on_active_speaker(uint64_t group, ProducerId producer) override {
    speakers.emplace_back(group, producer);
  }
  struct LevelEvent {
    ProducerId producer;
    int level;
    bool voice;
  };
  std::vector<ProducerId> producers_closed;
  std::vector<std::pair<ConsumerId, std::string>> consumers_closed;
  std::vector<LevelEvent> levels;
  std::vector<std::pair<uint64_t, ProducerId>> speakers;
};

// Sends VP8 packets: one packet per frame, 30 fps, keyframe on request.
struct Vp8Sender {
  uint32_t ssrc = 0x5000;
  uint16_t sequence = 1000;
  uint32_t timestamp = 90000;
  uint64_t now = 10'000'000;
  std::vector<uint8_t> next(bool keyframe, uint8_t payload_type = 96) {
    PacketSpec spec;
    spec.payload_type = payload_type;
    spec.sequence = sequence++;
    spec.timestamp = timestamp;
    spec.ssrc = ssrc;
    spec.marker = true;
    spec.payload = keyframe ? vp8_key() : vp8_delta();
    timestamp += 3000;
    now += 33'333;
    return make_rtp(spec);
  }
};

inline ProducerOptions vp8_producer(const std::shared_ptr<KeyframeRequester> &requester) {
  ProducerOptions options;
  options.kind = MG_MEDIA_VIDEO;
  options.codec = "VP8";
  options.clock_rate = 90000;
  options.payload_type = 96;
  options.keyframe_requester = requester;
  return options;
}

inline ConsumerOptions consumer_with(const std::shared_ptr<PacketSink> &sink, uint32_t ssrc,
                                     uint8_t pt = 0) {
  ConsumerOptions options;
  options.sink = sink;
  options.ssrc = ssrc;
  options.payload_type = pt;
  return options;
}

// The sequence numbers a sink received, in order.
inline std::vector<uint16_t> sequences(RecordingSink &sink) {
  std::vector<uint16_t> out;
  for (const auto &p : sink.rtp) out.push_back(RtpPacketView::parse_readonly(p)->sequence_number());
  return out;
}

inline bool continuous(const std::vector<uint16_t> &seqs) {
  for (size_t i = 1; i < seqs.size(); ++i)
    if (static_cast<uint16_t>(seqs[i - 1] + 1) != seqs[i]) return false;
  return true;
}

}  // namespace meetgate::media::rtp::test
