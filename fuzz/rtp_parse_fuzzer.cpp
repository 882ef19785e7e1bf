// libFuzzer: any bytes as an incoming RTP packet, through every read of
// RtpPacketView (header, CSRCs, both extension forms), in-place rewriting,
// keyframe and temporal-layer parsing for each codec, the audio-level decoder, and the
// router's whole producer path (ingest, RTX unwrap, fan-out rewrite).
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "audio_level_meter.hpp"
#include "keyframe_detector.hpp"
#include "router.hpp"
#include "rtp_packet_view.hpp"
#include "temporal_layer_parser.hpp"

using namespace meetgate::media::rtp;

namespace {
class NullSink final : public PacketSink {
 public:
  void send_rtp(std::span<const uint8_t> packet) override { bytes += packet.size(); }
  void send_rtcp(std::span<const uint8_t> packet) override { bytes += packet.size(); }
  size_t bytes = 0;
};

struct Fixture {
  Fixture() {
    ProducerOptions options;
    options.codec = "VP8";
    options.payload_type = 96;
    options.rtx_payload_type = 97;
    options.extensions = {1, 2, 3, 4, 5, 6, 7};
    options.layers = {{0, 0, "a"}, {0, 0, "b"}};
    std::string error;
    producer = router.add_producer(options, error);
    ConsumerOptions consumer;
    consumer.sink = std::make_shared<NullSink>();
    consumer.extensions = {9, 0, 0, 10, 11, 12, 13};
    consumer.mid = "fuzz";
    router.add_consumer(producer, consumer, error);
  }
  Router router;
  ProducerId producer = 0;
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static Fixture fixture;
  static uint64_t now = 1'000'000;
  std::vector<uint8_t> copy(data, data + size);  // exact-size heap copy: ASan sees overreads
  fixture.router.on_producer_rtp(fixture.producer, copy, now += 1000);
  auto view = RtpPacketView::parse(std::span<uint8_t>(copy));
  if (!view) return 0;
  size_t sink = view->payload_type() + view->sequence_number() + view->timestamp() + view->ssrc();
  for (size_t i = 0; i < view->csrc_count(); ++i) sink += view->csrc(i);
  for (int id = 0; id < 256; ++id)
    if (auto value = view->find_extension(static_cast<uint8_t>(id))) sink += value->size();
  if (auto level = view->find_extension(1)) sink += AudioLevelMeter::decode(*level).has_value();
  for (auto codec : {VideoCodec::kVP8, VideoCodec::kVP9, VideoCodec::kH264}) {
    sink += KeyframeDetector::is_keyframe(codec, view->payload());
    sink += static_cast<size_t>(TemporalLayerParser::parse(codec, view->payload()).id + 1);
  }
  std::array<uint8_t, 256> map{};
  for (size_t i = 0; i < map.size(); ++i) map[i] = static_cast<uint8_t>(255 - i);
  view->remap_extension_ids(map);
  const uint8_t value[2] = {1, 2};
  view->set_extension_value(2, value);
  view->set_sequence_number(static_cast<uint16_t>(sink));
  return RtpPacketView::parse_readonly(copy).has_value() ? 0 : 0;
}
