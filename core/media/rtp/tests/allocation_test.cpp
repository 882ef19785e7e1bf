// The fan-out path does not allocate: a counting operator new
// (allocation_counter.cpp) sees zero allocations while packets are
// forwarded to several consumers, NACKs are answered, and RTCP is parsed.
#include <cppunit/extensions/HelperMacros.h>

#include "allocation_counter.hpp"
#include "router_fixture.hpp"
#include "rtcp_writer.hpp"

namespace meetgate::media::rtp {
using namespace test;

namespace {
// A sink that only counts, so the test's own bookkeeping does not allocate.
struct CountingSink : PacketSink {
  uint64_t rtp = 0;
  void send_rtp(std::span<const uint8_t>) override { ++rtp; }
  void send_rtcp(std::span<const uint8_t>) override {}
};
}  // namespace

class AllocationTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AllocationTest);
  CPPUNIT_TEST(fan_out_does_not_allocate);
  CPPUNIT_TEST_SUITE_END();

 public:
  void fan_out_does_not_allocate() {
    auto requester = std::make_shared<RecordingRequester>();
    requester->requests.reserve(1000);
    Router router;
    std::string error;
    ProducerOptions options = vp8_producer(requester);
    options.extensions.transport_cc = 5;
    const ProducerId p = router.add_producer(options, error);
    std::vector<std::shared_ptr<CountingSink>> sinks;
    std::vector<ConsumerId> consumers;
    for (uint32_t i = 0; i < 4; ++i) {
      sinks.push_back(std::make_shared<CountingSink>());
      ConsumerOptions consumer = consumer_with(sinks.back(), 0x900 + i);
      consumer.mid = "m" + std::to_string(i);
      consumer.extensions.mid = 1;
      consumer.extensions.transport_cc = 2;
      consumers.push_back(router.add_consumer(p, consumer, error));
    }
    // Prepare every packet and RTCP message before counting.
    Vp8Sender sender;
    std::vector<std::vector<uint8_t>> packets;
    std::vector<uint64_t> times;
    for (int i = 0; i < 3000; ++i) {
      packets.push_back(sender.next(i % 300 == 0));
      times.push_back(sender.now);
    }
    std::array<uint8_t, 64> nack_buffer;
    RtcpWriter nack(nack_buffer);
    const uint16_t lost[3] = {1500, 1501, 1600};
    nack.add_nack(1, 0x900, lost);
    std::array<uint8_t, 64> pli_buffer;
    RtcpWriter pli(pli_buffer);
    pli.add_pli(1, 0x901);
    router.on_producer_rtp(p, packets[0], times[0]);  // first packet: warm-up

    const uint64_t before = allocation_count();
    for (size_t i = 1; i < packets.size(); ++i) {
      router.on_producer_rtp(p, packets[i], times[i]);
      if (i % 100 == 0) {
        router.on_consumer_rtcp(consumers[0], nack.data(), times[i]);
        router.on_consumer_rtcp(consumers[1], pli.data(), times[i]);
      }
    }
    const uint64_t allocations = allocation_count() - before;

    CPPUNIT_ASSERT_EQUAL(uint64_t{0}, allocations);
    for (const auto &sink : sinks) CPPUNIT_ASSERT(sink->rtp >= packets.size());
    CPPUNIT_ASSERT_EQUAL(uint64_t{4 * packets.size()}, router.forwarded_packets());
    // The counter itself works: a control call allocates.
    const uint64_t control_before = allocation_count();
    router.add_consumer(p, consumer_with(std::make_shared<CountingSink>(), 7), error);
    CPPUNIT_ASSERT(allocation_count() > control_before);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AllocationTest);

}  // namespace meetgate::media::rtp
