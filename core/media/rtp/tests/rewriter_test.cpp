// RtpStreamRewriter: a consumer sees one continuous stream across source
// switches, producer restarts (new SSRC, random seq/ts), pauses and
// reordering.
#include <cppunit/extensions/HelperMacros.h>

#include "rtp_stream_rewriter.hpp"

namespace meetgate::media::rtp {

class RewriterTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RewriterTest);
  CPPUNIT_TEST(first_run_keeps_values);
  CPPUNIT_TEST(switch_continues_sequence_and_time);
  CPPUNIT_TEST(restart_with_wrapping_values);
  CPPUNIT_TEST(reordering_within_run_and_stale_packets);
  CPPUNIT_TEST(resync_after_pause_uses_wall_clock);
  CPPUNIT_TEST(long_run_across_many_wraps);
  CPPUNIT_TEST(skipped_packets_leave_no_gap);
  CPPUNIT_TEST_SUITE_END();

  struct Out {
    uint16_t seq;
    uint32_t ts;
  };
  static Out go(RtpStreamRewriter &r, uint32_t ssrc, uint16_t seq, uint32_t ts, uint64_t at) {
    Out o{};
    CPPUNIT_ASSERT(r.rewrite(ssrc, seq, ts, at, o.seq, o.ts));
    return o;
  }

 public:
  void first_run_keeps_values() {
    RtpStreamRewriter r(90000);
    const Out a = go(r, 1, 500, 9000, 1'000'000);
    CPPUNIT_ASSERT_EQUAL(uint16_t{500}, a.seq);
    CPPUNIT_ASSERT_EQUAL(9000u, a.ts);
    const Out b = go(r, 1, 501, 12000, 1'033'000);
    CPPUNIT_ASSERT_EQUAL(uint16_t{501}, b.seq);
    CPPUNIT_ASSERT_EQUAL(12000u, b.ts);
  }

  void switch_continues_sequence_and_time() {
    RtpStreamRewriter r(90000);
    uint64_t t = 1'000'000;
    Out last{};
    for (uint16_t i = 0; i < 10; ++i)
      last = go(r, 0xA, static_cast<uint16_t>(100 + i), 3000u * i, t += 33'333);
    // Another source (simulcast layer) with unrelated numbering, 40 ms later.
    t += 40'000;
    const Out first = go(r, 0xB, 30000, 777777, t);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(last.seq + 1), first.seq);
    CPPUNIT_ASSERT_EQUAL(last.ts + 3600u, first.ts);  // 40 ms at 90 kHz
    const Out second = go(r, 0xB, 30001, 777777 + 3000, t + 33'333);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(first.seq + 1), second.seq);
    CPPUNIT_ASSERT_EQUAL(first.ts + 3000u, second.ts);
  }

  void restart_with_wrapping_values() {
    RtpStreamRewriter r(48000);
    go(r, 1, 65534, 0xFFFFFF00u, 1'000'000);
    const Out b = go(r, 1, 65535, 0xFFFFFF00u + 960, 1'020'000);
    const Out c = go(r, 1, 0, 0xFFFFFF00u + 1920, 1'040'000);  // wraps
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(b.seq + 1), c.seq);
    CPPUNIT_ASSERT_EQUAL(b.ts + 960u, c.ts);
    // The producer restarts: new SSRC, new random seq/ts. 20 ms later.
    const Out d = go(r, 2, 12345, 42, 1'060'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(c.seq + 1), d.seq);
    CPPUNIT_ASSERT_EQUAL(c.ts + 960u, d.ts);
    // And restarts back on the first SSRC: a new run again.
    const Out e = go(r, 1, 7, 99, 1'080'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(d.seq + 1), e.seq);
    CPPUNIT_ASSERT_EQUAL(d.ts + 960u, e.ts);
  }

  void reordering_within_run_and_stale_packets() {
    RtpStreamRewriter r(90000);
    go(r, 1, 10, 1000, 1'000'000);
    const Out late_high = go(r, 1, 13, 1000, 1'010'000);
    const Out reordered = go(r, 1, 12, 1000, 1'011'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(late_high.seq - 1), reordered.seq);
    CPPUNIT_ASSERT_EQUAL(late_high.seq, r.highest_sequence());
    // Switch to source 2, then a straggler of source 1 arrives: a new run
    // for source 1 (never an old output number reused).
    const Out s2 = go(r, 2, 500, 50, 1'020'000);
    const Out s1 = go(r, 1, 11, 1000, 1'021'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(s2.seq + 1), s1.seq);
    // Within a run, a packet older than its first one is dropped.
    uint16_t seq;
    uint32_t ts;
    CPPUNIT_ASSERT(!r.rewrite(1, 9, 1000, 1'022'000, seq, ts));
  }

  void skipped_packets_leave_no_gap() {
    RtpStreamRewriter r(90000);
    const Out a = go(r, 1, 100, 0, 1'000'000);
    CPPUNIT_ASSERT(r.skip(1, 101));
    CPPUNIT_ASSERT(r.skip(1, 102));
    const Out b = go(r, 1, 103, 3000, 1'033'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(a.seq + 1), b.seq);
    // 104 is lost upstream (its number stays reserved), 105 skipped, 106 sent.
    CPPUNIT_ASSERT(r.skip(1, 105));
    const Out c = go(r, 1, 106, 6000, 1'066'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(b.seq + 2), c.seq);
    // 104 arrives late (retransmitted): it gets the number it was owed.
    const Out late = go(r, 1, 104, 4500, 1'070'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(b.seq + 1), late.seq);
    // A skip older than the newest packet cannot be hidden.
    CPPUNIT_ASSERT(!r.skip(1, 99));
    // Before any run, a skip is harmless.
    RtpStreamRewriter fresh(90000);
    CPPUNIT_ASSERT(fresh.skip(1, 5));
  }

  void long_run_across_many_wraps() {
    RtpStreamRewriter r(90000);
    uint16_t seq_out = 0;
    uint32_t ts_out = 0;
    CPPUNIT_ASSERT(r.rewrite(1, 0, 0, 1, seq_out, ts_out));
    r.resync();
    uint16_t first = 0;
    uint32_t t = 0;
    CPPUNIT_ASSERT(r.rewrite(1, 100, t, 2, first, ts_out));
    // 200,000 packets: the input sequence wraps three times, no drop, no jump.
    uint16_t previous = first;
    for (uint32_t i = 1; i < 200'000; ++i) {
      uint16_t out = 0;
      CPPUNIT_ASSERT(r.rewrite(1, static_cast<uint16_t>(100 + i), t += 10, 2 + i, out, ts_out));
      CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(previous + 1), out);
      previous = out;
    }
    // A packet reordered by a few places late in the run still passes.
    uint16_t out = 0;
    CPPUNIT_ASSERT(r.rewrite(1, static_cast<uint16_t>(100 + 199'990), 5, 300'000, out, ts_out));
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(previous - 9), out);
  }

  void resync_after_pause_uses_wall_clock() {
    RtpStreamRewriter r(90000);
    const Out a = go(r, 1, 1, 0, 1'000'000);
    r.resync();
    // The source went on sending while paused (seq 2..99 were dropped).
    const Out b = go(r, 1, 100, 3000 * 99, 3'000'000);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(a.seq + 1), b.seq);
    CPPUNIT_ASSERT_EQUAL(a.ts + 180000u, b.ts);  // 2 s at 90 kHz
    CPPUNIT_ASSERT_EQUAL(b.ts + 9000u, r.timestamp_at(3'100'000));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RewriterTest);

}  // namespace meetgate::media::rtp
