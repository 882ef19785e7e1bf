// TransportCcFeedbackBuilder -> RtcpParser -> TransportCcFeedbackParser.
#include <cppunit/extensions/HelperMacros.h>

#include <array>
#include <vector>

#include "rtcp_parser.hpp"
#include "transport_cc_feedback_builder.hpp"
#include "transport_cc_feedback_parser.hpp"

namespace meetgate::media::rtp {
namespace {
struct TccCatcher : RtcpHandler {
  std::vector<uint8_t> fci;
  uint32_t media = 0;
  void on_transport_cc(uint32_t, uint32_t m, std::span<const uint8_t> f) override {
    fci.assign(f.begin(), f.end());
    media = m;
  }
};
}  // namespace

class TransportCcTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TransportCcTest);
  CPPUNIT_TEST(round_trip_with_losses_and_large_deltas);
  CPPUNIT_TEST(long_runs_and_wraparound);
  CPPUNIT_TEST(malformed_fci_is_rejected);
  CPPUNIT_TEST_SUITE_END();

  // Builds feedback for `arrivals` (seq -> us, -1 = lost) and decodes it.
  static std::vector<TransportCcPacketStatus> round_trip(
      const std::vector<std::pair<uint16_t, int64_t>> &arrivals, TransportCcHeader &header) {
    TransportCcFeedbackBuilder builder;
    for (const auto &[seq, at] : arrivals)
      if (at >= 0) builder.on_packet(seq, static_cast<uint64_t>(at));
    std::array<uint8_t, 1500> out;
    const size_t size = builder.build(out, 0x1, 0x2);
    CPPUNIT_ASSERT(size > 0 && size % 4 == 0);
    CPPUNIT_ASSERT(!builder.has_pending());
    TccCatcher catcher;
    CPPUNIT_ASSERT(RtcpParser::parse(std::span(out.data(), size), catcher));
    CPPUNIT_ASSERT_EQUAL(0x2u, catcher.media);
    std::vector<TransportCcPacketStatus> statuses(4096);
    CPPUNIT_ASSERT(TransportCcFeedbackParser::parse(catcher.fci, header, statuses));
    statuses.resize(header.status_count);
    return statuses;
  }

 public:
  void round_trip_with_losses_and_large_deltas() {
    const int64_t t0 = 10'000'000;
    std::vector<std::pair<uint16_t, int64_t>> arrivals = {
        {100, t0},           {101, t0 + 1000},    {102, -1},
        {103, t0 + 3000},    {104, t0 + 200'000},  // large delta (> 63.75 ms)
        {105, t0 + 150'000},                       // negative delta (reordered arrival)
        {106, t0 + 150'250}};
    TransportCcHeader header;
    const auto statuses = round_trip(arrivals, header);
    CPPUNIT_ASSERT_EQUAL(uint16_t{100}, header.base_sequence);
    CPPUNIT_ASSERT_EQUAL(size_t{7}, statuses.size());
    for (size_t i = 0; i < arrivals.size(); ++i) {
      CPPUNIT_ASSERT_EQUAL(arrivals[i].first, statuses[i].sequence);
      CPPUNIT_ASSERT_EQUAL(arrivals[i].second >= 0, statuses[i].received);
    }
    // Relative times survive within one 250 us tick.
    const int64_t base = statuses[0].arrival_us;
    for (size_t i = 0; i < arrivals.size(); ++i) {
      if (arrivals[i].second < 0) continue;
      const int64_t expected = arrivals[i].second - t0;
      const int64_t got = statuses[i].arrival_us - base;
      CPPUNIT_ASSERT(got - expected < 250 && expected - got < 250);
    }
  }

  void long_runs_and_wraparound() {
    std::vector<std::pair<uint16_t, int64_t>> arrivals;
    int64_t t = 5'000'000;
    for (int i = 0; i < 40; ++i) arrivals.emplace_back(static_cast<uint16_t>(65520 + i), t += 500);
    for (int i = 40; i < 60; ++i) arrivals.emplace_back(static_cast<uint16_t>(65520 + i), -1);
    arrivals.emplace_back(static_cast<uint16_t>(65520 + 60), t += 500);
    TransportCcHeader header;
    const auto statuses = round_trip(arrivals, header);
    CPPUNIT_ASSERT_EQUAL(size_t{61}, statuses.size());
    CPPUNIT_ASSERT_EQUAL(uint16_t{65520}, statuses[0].sequence);
    CPPUNIT_ASSERT_EQUAL(uint16_t{44}, statuses[60].sequence);  // 65580 wrapped
    CPPUNIT_ASSERT(statuses[39].received);
    CPPUNIT_ASSERT(!statuses[40].received && !statuses[59].received);
    CPPUNIT_ASSERT(statuses[60].received);
    // The next feedback continues after the last reported packet.
    TransportCcFeedbackBuilder builder;
    builder.on_packet(1, 1000);
    std::array<uint8_t, 200> out;
    CPPUNIT_ASSERT(builder.build(out, 1, 2) > 0);
    builder.on_packet(0, 2000);  // older than the last feedback: ignored
    CPPUNIT_ASSERT(!builder.has_pending());
  }

  void malformed_fci_is_rejected() {
    std::vector<TransportCcPacketStatus> statuses(16);
    TransportCcHeader header;
    // Claims 5 packets, one run-length chunk of 5 received (1-byte deltas), no deltas.
    const uint8_t no_deltas[10] = {0, 1, 0, 5, 0, 0, 1, 0, 0x20, 0x05};
    CPPUNIT_ASSERT(!TransportCcFeedbackParser::parse(no_deltas, header, statuses));
    // More statuses than the output holds.
    const uint8_t too_many[10] = {0, 1, 0, 100, 0, 0, 1, 0, 0x00, 100};
    CPPUNIT_ASSERT(!TransportCcFeedbackParser::parse(too_many, header, statuses));
    // Reserved status symbol 3 in a two-bit vector.
    const uint8_t reserved[11] = {0, 1, 0, 1, 0, 0, 1, 0, 0xF0, 0x00, 0};
    CPPUNIT_ASSERT(!TransportCcFeedbackParser::parse(reserved, header, statuses));
    // Run of zero length never terminates the chunk list.
    const uint8_t empty_run[10] = {0, 1, 0, 1, 0, 0, 1, 0, 0x00, 0x00};
    CPPUNIT_ASSERT(!TransportCcFeedbackParser::parse(empty_run, header, statuses));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TransportCcTest);

}  // namespace meetgate::media::rtp
