// Helpers shared by the media_rtp unit tests: packet factories and a sink
// that records what the router sent.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "keyframe_requester.hpp"
#include "packet_sink.hpp"
#include "rtp_packet_builder.hpp"
#include "rtp_packet_view.hpp"

namespace meetgate::media::rtp::test {

struct PacketSpec {
  uint8_t payload_type = 96;
  uint16_t sequence = 0;
  uint32_t timestamp = 0;
  uint32_t ssrc = 0x1111;
  bool marker = false;
  std::vector<uint8_t> payload = {0x10, 0x00, 0x9d, 0x01, 0x2a};  // VP8 start, keyframe
  std::vector<std::pair<uint8_t, std::vector<uint8_t>>> extensions;
};

inline std::vector<uint8_t> make_rtp(const PacketSpec &spec) {
  std::vector<uint8_t> buffer(1500);
  RtpPacketBuilder builder(buffer, spec.payload_type, spec.sequence, spec.timestamp, spec.ssrc,
                           spec.marker);
  for (const auto &[id, value] : spec.extensions) builder.add_extension(id, value);
  builder.set_payload(spec.payload);
  buffer.resize(builder.finish());
  return buffer;
}

// VP8 payloads: a keyframe start and an interframe.
inline std::vector<uint8_t> vp8_key() {
  return {0x10, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02};
}
inline std::vector<uint8_t> vp8_delta() {
  return {0x10, 0x01, 0x00, 0x00};
}

class RecordingSink : public PacketSink {
 public:
  void send_rtp(std::span<const uint8_t> packet) override {
    std::lock_guard lock(mutex);
    rtp.emplace_back(packet.begin(), packet.end());
  }
  void send_rtcp(std::span<const uint8_t> packet) override {
    std::lock_guard lock(mutex);
    rtcp.emplace_back(packet.begin(), packet.end());
  }
  void on_closed() override { ++closed; }

  std::mutex mutex;
  std::vector<std::vector<uint8_t>> rtp;
  std::vector<std::vector<uint8_t>> rtcp;
  int closed = 0;
};

class RecordingRequester : public KeyframeRequester {
 public:
  void request_keyframe(uint32_t media_ssrc) override { requests.push_back(media_ssrc); }
  std::vector<uint32_t> requests;
};

}  // namespace meetgate::media::rtp::test
