// SinkConsumer (the plugin callback adapter) and UdpForwarder (a real UDP
// socket on loopback).
#include <cppunit/extensions/HelperMacros.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "router.hpp"
#include "sink_consumer.hpp"
#include "test_support.hpp"
#include "udp_forwarder.hpp"

namespace meetgate::media::rtp {

namespace {
struct SinkRecord {
  std::vector<std::vector<uint8_t>> packets;
  std::string codec;
  uint32_t clock_rate = 0;
  uint8_t payload_type = 0;
  int closed = 0;
};
void on_packet(void *opaque, const mg_sink_info *info, const uint8_t *rtp, size_t len) {
  auto *record = static_cast<SinkRecord *>(opaque);
  record->packets.emplace_back(rtp, rtp + len);
  record->codec = info->codec;
  record->clock_rate = info->clock_rate;
  record->payload_type = info->payload_type;
}
void on_closed(void *opaque) {
  ++static_cast<SinkRecord *>(opaque)->closed;
}
}  // namespace

class SinksTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SinksTest);
  CPPUNIT_TEST(sink_consumer_through_router);
  CPPUNIT_TEST(sink_consumer_closes_once_even_if_never_closed);
  CPPUNIT_TEST(udp_forwarder_sends_on_loopback);
  CPPUNIT_TEST(udp_forwarder_rejects_bad_address);
  CPPUNIT_TEST_SUITE_END();

 public:
  void sink_consumer_through_router() {
    SinkRecord record;
    mg_consumer_target target{};
    target.type = MG_CONSUMER_SINK;
    target.sink_packet = on_packet;
    target.sink_closed = on_closed;
    target.sink_opaque = &record;
    Router router;
    ProducerOptions options;
    options.kind = MG_MEDIA_AUDIO;
    options.codec = "opus";
    options.clock_rate = 48000;
    options.payload_type = 111;
    std::string error;
    const ProducerId p = router.add_producer(options, error);
    ConsumerOptions consumer;
    consumer.sink = std::make_shared<SinkConsumer>(target, MG_MEDIA_AUDIO, "opus", 48000, 111, 2);
    const ConsumerId c = router.add_consumer(p, consumer, error);
    CPPUNIT_ASSERT(c != 0);
    for (uint16_t i = 0; i < 5; ++i) {
      test::PacketSpec spec;
      spec.payload_type = 111;
      spec.sequence = i;
      spec.timestamp = 960u * i;
      CPPUNIT_ASSERT(router.on_producer_rtp(p, test::make_rtp(spec), 1000 + i * 20'000));
    }
    CPPUNIT_ASSERT_EQUAL(size_t{5}, record.packets.size());  // audio: no keyframe gate
    CPPUNIT_ASSERT_EQUAL(std::string("opus"), record.codec);
    CPPUNIT_ASSERT_EQUAL(48000u, record.clock_rate);
    CPPUNIT_ASSERT_EQUAL(uint8_t{111}, record.payload_type);
    CPPUNIT_ASSERT(router.remove_consumer(c));
    CPPUNIT_ASSERT_EQUAL(1, record.closed);
  }

  void sink_consumer_closes_once_even_if_never_closed() {
    SinkRecord record;
    mg_consumer_target target{};
    target.sink_packet = on_packet;
    target.sink_closed = on_closed;
    target.sink_opaque = &record;
    {
      SinkConsumer sink(target, MG_MEDIA_VIDEO, "VP8", 90000, 96, 0);
      const uint8_t bytes[3] = {1, 2, 3};
      sink.send_rtp(bytes);
      sink.on_closed();
      sink.send_rtp(bytes);  // after close: not delivered
    }
    CPPUNIT_ASSERT_EQUAL(size_t{1}, record.packets.size());
    CPPUNIT_ASSERT_EQUAL(1, record.closed);
    SinkRecord second;
    target.sink_opaque = &second;
    { SinkConsumer dropped(target, MG_MEDIA_VIDEO, "VP8", 90000, 96, 0); }
    CPPUNIT_ASSERT_EQUAL(1, second.closed);
  }

  void udp_forwarder_sends_on_loopback() {
    const int receiver = socket(AF_INET, SOCK_DGRAM, 0);
    CPPUNIT_ASSERT(receiver >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CPPUNIT_ASSERT_EQUAL(0, bind(receiver, reinterpret_cast<sockaddr *>(&address), sizeof address));
    socklen_t length = sizeof address;
    getsockname(receiver, reinterpret_cast<sockaddr *>(&address), &length);
    std::string error;
    auto forwarder = UdpForwarder::open("127.0.0.1", ntohs(address.sin_port), 0, error);
    CPPUNIT_ASSERT_MESSAGE(error, forwarder != nullptr);
    const auto packet = test::make_rtp({});
    forwarder->send_rtp(packet);
    forwarder->send_rtcp(packet);  // no RTCP port: not sent
    pollfd fd{receiver, POLLIN, 0};
    CPPUNIT_ASSERT_EQUAL(1, poll(&fd, 1, 2000));
    std::vector<uint8_t> received(2000);
    const ssize_t n = recv(receiver, received.data(), received.size(), 0);
    CPPUNIT_ASSERT_EQUAL(static_cast<ssize_t>(packet.size()), n);
    received.resize(static_cast<size_t>(n));
    CPPUNIT_ASSERT(received == packet);
    CPPUNIT_ASSERT_EQUAL(0, poll(&fd, 1, 100));  // nothing else arrived
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, forwarder->sent());
    close(receiver);
  }

  void udp_forwarder_rejects_bad_address() {
    std::string error;
    CPPUNIT_ASSERT(!UdpForwarder::open("not-an-ip", 5000, 0, error));
    CPPUNIT_ASSERT(!error.empty());
    error.clear();
    CPPUNIT_ASSERT(!UdpForwarder::open("127.0.0.1", 0, 0, error));
    CPPUNIT_ASSERT(!error.empty());
    CPPUNIT_ASSERT(UdpForwarder::open("127.0.0.1", 5004, 5005, error) != nullptr);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SinksTest);

}  // namespace meetgate::media::rtp
