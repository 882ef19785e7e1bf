// NackGenerator (gaps, retries, recovery, overflow) and ReceiveStats (RFC
// 3550 loss, extended sequence, jitter, report blocks).
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <array>
#include <vector>

#include "nack_generator.hpp"
#include "receive_stats.hpp"

namespace meetgate::media::rtp {

class NackTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(NackTest);
  CPPUNIT_TEST(gap_produces_nacks_with_retry_limit);
  CPPUNIT_TEST(late_packet_cancels_nack);
  CPPUNIT_TEST(gap_across_wraparound);
  CPPUNIT_TEST(overflow_clears_and_reports);
  CPPUNIT_TEST(receive_stats_loss_and_wrap);
  CPPUNIT_TEST(receive_stats_jitter);
  CPPUNIT_TEST(receive_stats_big_jump_needs_confirmation);
  CPPUNIT_TEST_SUITE_END();

  static std::vector<uint16_t> collect(NackGenerator &g, uint64_t now, uint64_t retry = 50'000) {
    std::array<uint16_t, 64> out;
    const size_t n = g.collect(now, retry, out);
    std::vector<uint16_t> v(out.begin(), out.begin() + static_cast<ptrdiff_t>(n));
    std::sort(v.begin(), v.end());
    return v;
  }

 public:
  void gap_produces_nacks_with_retry_limit() {
    NackGenerator g(100, 3);
    CPPUNIT_ASSERT(g.on_packet(10) == NackGenerator::Result::kInOrder);
    CPPUNIT_ASSERT(g.on_packet(11) == NackGenerator::Result::kInOrder);
    CPPUNIT_ASSERT(g.on_packet(15) == NackGenerator::Result::kGap);
    CPPUNIT_ASSERT(collect(g, 1000) == std::vector<uint16_t>({12, 13, 14}));
    CPPUNIT_ASSERT(collect(g, 2000).empty());  // not yet time to retry
    CPPUNIT_ASSERT(collect(g, 60'000) == std::vector<uint16_t>({12, 13, 14}));
    CPPUNIT_ASSERT(collect(g, 120'000) == std::vector<uint16_t>({12, 13, 14}));
    CPPUNIT_ASSERT(collect(g, 180'000).empty());  // three retries: given up
    CPPUNIT_ASSERT_EQUAL(size_t{0}, g.pending());
    CPPUNIT_ASSERT_EQUAL(uint64_t{9}, g.nacked());
  }

  void late_packet_cancels_nack() {
    NackGenerator g(100, 10);
    g.on_packet(1);
    g.on_packet(4);
    CPPUNIT_ASSERT(g.on_packet(2) == NackGenerator::Result::kRecovered);
    CPPUNIT_ASSERT(collect(g, 1000) == std::vector<uint16_t>({3}));
    CPPUNIT_ASSERT(g.on_packet(3) == NackGenerator::Result::kRecovered);
    CPPUNIT_ASSERT(collect(g, 100'000).empty());
    CPPUNIT_ASSERT_EQUAL(uint64_t{2}, g.recovered());
    CPPUNIT_ASSERT(g.on_packet(3) == NackGenerator::Result::kInOrder);  // duplicate
  }

  void gap_across_wraparound() {
    NackGenerator g(100, 10);
    g.on_packet(65534);
    g.on_packet(1);
    CPPUNIT_ASSERT(collect(g, 1) == std::vector<uint16_t>({0, 65535}));
  }

  void overflow_clears_and_reports() {
    NackGenerator g(10, 10);
    g.on_packet(0);
    CPPUNIT_ASSERT(g.on_packet(50) == NackGenerator::Result::kOverflow);
    CPPUNIT_ASSERT_EQUAL(size_t{0}, g.pending());
    CPPUNIT_ASSERT(g.on_packet(53) == NackGenerator::Result::kGap);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, g.pending());
  }

  void receive_stats_loss_and_wrap() {
    ReceiveStats s(90000);
    // 65530..65535, 0..9 with 65533 and 3,4 missing.
    uint64_t t = 1'000'000;
    for (uint32_t i = 65530; i < 65546; ++i) {
      const auto seq = static_cast<uint16_t>(i);
      if (seq == 65533 || seq == 3 || seq == 4) continue;
      CPPUNIT_ASSERT(s.on_packet(seq, i * 3000, t += 33'333, 1000));
    }
    CPPUNIT_ASSERT_EQUAL(uint32_t{0x10000 + 9}, s.extended_highest_sequence());
    CPPUNIT_ASSERT_EQUAL(int64_t{3}, s.cumulative_lost());
    ReportBlock block = s.make_report_block(0x55, t);
    CPPUNIT_ASSERT_EQUAL(0x55u, block.ssrc);
    CPPUNIT_ASSERT_EQUAL(3, block.cumulative_lost);
    CPPUNIT_ASSERT_EQUAL(uint8_t{3 * 256 / 16}, block.fraction_lost);
    CPPUNIT_ASSERT_EQUAL(uint32_t{0x10009}, block.extended_highest_sequence);
    CPPUNIT_ASSERT_EQUAL(0u, block.last_sr);
    // Next interval without loss: fraction 0, cumulative unchanged.
    s.on_packet(10, 30 * 3000, t += 33'333, 1000);
    block = s.make_report_block(0x55, t);
    CPPUNIT_ASSERT_EQUAL(uint8_t{0}, block.fraction_lost);
    CPPUNIT_ASSERT_EQUAL(3, block.cumulative_lost);
    // LSR/DLSR after an SR.
    s.on_sender_report(0x1122334455667788ull, t);
    block = s.make_report_block(0x55, t + 500'000);
    CPPUNIT_ASSERT_EQUAL(0x33445566u, block.last_sr);
    CPPUNIT_ASSERT_EQUAL(32768u, block.delay_since_last_sr);
  }

  void receive_stats_jitter() {
    ReceiveStats steady(90000);
    for (uint16_t i = 0; i < 100; ++i)
      steady.on_packet(i, i * 3000u, 1'000'000 + i * 33'333ull, 100);
    CPPUNIT_ASSERT(steady.jitter() <= 1);
    ReceiveStats jittery(90000);
    for (uint16_t i = 0; i < 200; ++i) {
      const uint64_t wobble = (i % 2) ? 10'000 : 0;  // 10 ms back and forth
      jittery.on_packet(i, i * 3000u, 1'000'000 + i * 33'333ull + wobble, 100);
    }
    // |D| = 900 ticks each packet: J converges to 900 (10 ms).
    CPPUNIT_ASSERT(jittery.jitter() > 800 && jittery.jitter() < 1000);
    CPPUNIT_ASSERT(jittery.jitter_ms() > 8.5 && jittery.jitter_ms() < 11.1);
  }

  void receive_stats_big_jump_needs_confirmation() {
    ReceiveStats s(48000);
    s.on_packet(100, 0, 1000, 10);
    CPPUNIT_ASSERT(!s.on_packet(30000, 0, 2000, 10));  // a lone jump is rejected
    CPPUNIT_ASSERT(s.on_packet(30001, 0, 3000, 10));   // confirmed: restart
    CPPUNIT_ASSERT_EQUAL(uint32_t{30001}, s.extended_highest_sequence());
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, s.cumulative_lost());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NackTest);

}  // namespace meetgate::media::rtp
