// libFuzzer: any bytes as an RTCP compound, through RtcpParser with every
// callback reading its values, the transport-cc FCI decoder, and the
// router's consumer path (NACK answers from the ring, PLI, RR, REMB).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "byte_io.hpp"
#include "router.hpp"
#include "rtcp_parser.hpp"
#include "rtp_packet_builder.hpp"
#include "transport_cc_feedback_parser.hpp"

using namespace meetgate::media::rtp;

namespace {
struct ReadEverything final : RtcpHandler {
  size_t sum = 0;
  void on_sender_report(const SenderInfo &s) override { sum += s.packet_count; }
  void on_report_block(uint32_t, const ReportBlock &b) override { sum += b.jitter; }
  void on_sdes_item(uint32_t, uint8_t, std::string_view v) override {
    for (char c : v) sum += static_cast<unsigned char>(c);
  }
  void on_bye(uint32_t ssrc) override { sum += ssrc; }
  void on_nack(uint32_t, uint32_t, uint16_t pid, uint16_t blp) override { sum += pid + blp; }
  void on_pli(uint32_t, uint32_t m) override { sum += m; }
  void on_fir(uint32_t, uint32_t m, uint8_t s) override { sum += m + s; }
  void on_remb(uint32_t, uint64_t bitrate, std::span<const uint8_t> ssrcs) override {
    sum += bitrate;
    for (size_t i = 0; i + 4 <= ssrcs.size(); i += 4) sum += byte_io::read32(&ssrcs[i]);
  }
  void on_transport_cc(uint32_t, uint32_t, std::span<const uint8_t> fci) override {
    static std::vector<TransportCcPacketStatus> statuses(65536);
    TransportCcHeader header;
    if (TransportCcFeedbackParser::parse(fci, header, statuses)) sum += header.status_count;
  }
};

class NullSink final : public PacketSink {
 public:
  void send_rtp(std::span<const uint8_t> packet) override { bytes += packet.size(); }
  void send_rtcp(std::span<const uint8_t> packet) override { bytes += packet.size(); }
  size_t bytes = 0;
};

// A router whose consumer (SSRC 0x1234) has 300 packets in its ring, so
// fuzzed NACKs naming that SSRC hit real retransmissions.
struct Fixture {
  Fixture() {
    ProducerOptions options;
    options.codec = "VP8";
    std::string error;
    const ProducerId producer = router.add_producer(options, error);
    ConsumerOptions consumer;
    consumer.sink = std::make_shared<NullSink>();
    consumer.ssrc = 0x1234;
    id = router.add_consumer(producer, consumer, error);
    std::vector<uint8_t> buffer(200);
    const uint8_t vp8_key[4] = {0x10, 0x00, 0x9d, 0x01};
    for (uint16_t seq = 0; seq < 300; ++seq) {
      RtpPacketBuilder builder(buffer, 96, seq, seq * 3000u, 0x42);
      builder.set_payload(vp8_key);
      router.on_producer_rtp(producer, std::span(buffer.data(), builder.finish()), 1000 + seq);
    }
  }
  Router router;
  ConsumerId id = 0;
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static Fixture fixture;
  static uint64_t now = 1'000'000;
  std::vector<uint8_t> copy(data, data + size);  // exact-size heap copy: ASan sees overreads
  ReadEverything handler;
  RtcpParser::parse(copy, handler);
  RtcpParser::looks_like_rtcp(copy);
  fixture.router.on_consumer_rtcp(fixture.id, copy, now += 20'000);
  return handler.sum == 0xFFFFFFFF ? 0 : 0;
}
