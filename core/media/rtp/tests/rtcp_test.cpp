// RtcpWriter -> RtcpParser round trips for every packet type, and
// malformed compounds.
#include <cppunit/extensions/HelperMacros.h>

#include <array>
#include <string>
#include <vector>

#include "byte_io.hpp"
#include "rtcp_parser.hpp"
#include "rtcp_writer.hpp"

namespace meetgate::media::rtp {
namespace {

struct Collected : RtcpHandler {
  std::vector<SenderInfo> srs;
  std::vector<std::pair<uint32_t, ReportBlock>> blocks;
  std::vector<std::string> sdes;
  std::vector<uint32_t> byes;
  std::vector<uint16_t> nacked;
  std::vector<uint32_t> plis;
  std::vector<std::pair<uint32_t, uint8_t>> firs;
  uint64_t remb = 0;
  std::vector<uint32_t> remb_ssrcs;
  size_t tcc = 0;
  void on_sender_report(const SenderInfo &s) override { srs.push_back(s); }
  void on_report_block(uint32_t r, const ReportBlock &b) override { blocks.emplace_back(r, b); }
  void on_sdes_item(uint32_t, uint8_t type, std::string_view v) override {
    if (type == 1) sdes.emplace_back(v);
  }
  void on_bye(uint32_t ssrc) override { byes.push_back(ssrc); }
  void on_nack(uint32_t, uint32_t, uint16_t pid, uint16_t blp) override {
    nacked.push_back(pid);
    for (int i = 0; i < 16; ++i)
      if (blp & (1 << i)) nacked.push_back(static_cast<uint16_t>(pid + i + 1));
  }
  void on_pli(uint32_t, uint32_t media) override { plis.push_back(media); }
  void on_fir(uint32_t, uint32_t media, uint8_t seq) override { firs.emplace_back(media, seq); }
  void on_remb(uint32_t, uint64_t bitrate, std::span<const uint8_t> ssrcs) override {
    remb = bitrate;
    for (size_t i = 0; i + 4 <= ssrcs.size(); i += 4)
      remb_ssrcs.push_back(byte_io::read32(&ssrcs[i]));
  }
  void on_transport_cc(uint32_t, uint32_t, std::span<const uint8_t> fci) override {
    tcc = fci.size();
  }
};

}  // namespace

class RtcpTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RtcpTest);
  CPPUNIT_TEST(sender_report_with_blocks_and_sdes);
  CPPUNIT_TEST(receiver_report_and_bye);
  CPPUNIT_TEST(nack_packs_and_unpacks_sequence_numbers);
  CPPUNIT_TEST(pli_fir_remb);
  CPPUNIT_TEST(malformed_compounds_are_rejected);
  CPPUNIT_TEST(writer_refuses_overflow);
  CPPUNIT_TEST_SUITE_END();

 public:
  void sender_report_with_blocks_and_sdes() {
    std::array<uint8_t, 512> buffer;
    RtcpWriter w(buffer);
    SenderInfo sr{0x11, 0x0123456789ABCDEFull, 9000, 42, 4200};
    ReportBlock block{0x22, 25, -3, 70000, 123, 0xAABBCCDD, 65536};
    CPPUNIT_ASSERT(w.add_sender_report(sr, std::span(&block, 1)));
    CPPUNIT_ASSERT(w.add_sdes_cname(0x11, "user@meetgate"));
    Collected c;
    CPPUNIT_ASSERT(RtcpParser::parse(w.data(), c));
    CPPUNIT_ASSERT_EQUAL(size_t{1}, c.srs.size());
    CPPUNIT_ASSERT_EQUAL(uint64_t{0x0123456789ABCDEF}, c.srs[0].ntp_timestamp);
    CPPUNIT_ASSERT_EQUAL(9000u, c.srs[0].rtp_timestamp);
    CPPUNIT_ASSERT_EQUAL(42u, c.srs[0].packet_count);
    CPPUNIT_ASSERT_EQUAL(4200u, c.srs[0].octet_count);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, c.blocks.size());
    CPPUNIT_ASSERT_EQUAL(0x11u, c.blocks[0].first);
    const ReportBlock &b = c.blocks[0].second;
    CPPUNIT_ASSERT_EQUAL(0x22u, b.ssrc);
    CPPUNIT_ASSERT_EQUAL(uint8_t{25}, b.fraction_lost);
    CPPUNIT_ASSERT_EQUAL(-3, b.cumulative_lost);
    CPPUNIT_ASSERT_EQUAL(70000u, b.extended_highest_sequence);
    CPPUNIT_ASSERT_EQUAL(123u, b.jitter);
    CPPUNIT_ASSERT_EQUAL(0xAABBCCDDu, b.last_sr);
    CPPUNIT_ASSERT_EQUAL(65536u, b.delay_since_last_sr);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, c.sdes.size());
    CPPUNIT_ASSERT_EQUAL(std::string("user@meetgate"), c.sdes[0]);
    CPPUNIT_ASSERT(RtcpParser::looks_like_rtcp(w.data()));
  }

  void receiver_report_and_bye() {
    std::array<uint8_t, 512> buffer;
    RtcpWriter w(buffer);
    std::array<ReportBlock, 2> blocks{ReportBlock{1, 0, 0, 5, 0, 0, 0},
                                      ReportBlock{2, 255, 1000, 6, 7, 0, 0}};
    CPPUNIT_ASSERT(w.add_receiver_report(0x99, blocks));
    CPPUNIT_ASSERT(w.add_bye(0x99));
    Collected c;
    CPPUNIT_ASSERT(RtcpParser::parse(w.data(), c));
    CPPUNIT_ASSERT_EQUAL(size_t{2}, c.blocks.size());
    CPPUNIT_ASSERT_EQUAL(0x99u, c.blocks[1].first);
    CPPUNIT_ASSERT_EQUAL(1000, c.blocks[1].second.cumulative_lost);
    CPPUNIT_ASSERT_EQUAL(uint8_t{255}, c.blocks[1].second.fraction_lost);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, c.byes.size());
    CPPUNIT_ASSERT_EQUAL(0x99u, c.byes[0]);
  }

  void nack_packs_and_unpacks_sequence_numbers() {
    std::array<uint8_t, 512> buffer;
    RtcpWriter w(buffer);
    // Across the wrap, unsorted, with a duplicate and two separate ranges.
    const std::vector<uint16_t> lost = {65534, 2, 65535, 0, 0, 100, 116, 117};
    CPPUNIT_ASSERT(w.add_nack(1, 2, lost));
    Collected c;
    CPPUNIT_ASSERT(RtcpParser::parse(w.data(), c));
    const std::vector<uint16_t> expected = {65534, 65535, 0, 2, 100, 116, 117};
    CPPUNIT_ASSERT(c.nacked == expected);
    // 65534 covers up to 14 (3 entries: 65534.., 100.., 117)
    CPPUNIT_ASSERT_EQUAL(size_t{12 + 4 * 3}, w.size());
  }

  void pli_fir_remb() {
    std::array<uint8_t, 512> buffer;
    RtcpWriter w(buffer);
    CPPUNIT_ASSERT(w.add_pli(1, 0xABC));
    CPPUNIT_ASSERT(w.add_fir(1, 0xDEF, 7));
    const std::array<uint32_t, 2> ssrcs{5, 6};
    CPPUNIT_ASSERT(w.add_remb(1, 2'500'000, ssrcs));
    Collected c;
    CPPUNIT_ASSERT(RtcpParser::parse(w.data(), c));
    CPPUNIT_ASSERT_EQUAL(size_t{1}, c.plis.size());
    CPPUNIT_ASSERT_EQUAL(0xABCu, c.plis[0]);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, c.firs.size());
    CPPUNIT_ASSERT_EQUAL(0xDEFu, c.firs[0].first);
    CPPUNIT_ASSERT_EQUAL(uint8_t{7}, c.firs[0].second);
    // 18-bit mantissa: the value survives within 1/2^17.
    CPPUNIT_ASSERT(c.remb <= 2'500'000 && c.remb > 2'500'000 - 2'500'000 / 100000);
    CPPUNIT_ASSERT(c.remb_ssrcs == std::vector<uint32_t>({5, 6}));
  }

  void malformed_compounds_are_rejected() {
    std::array<uint8_t, 512> buffer;
    RtcpWriter w(buffer);
    ReportBlock block{};
    w.add_receiver_report(1, std::span(&block, 1));
    w.add_pli(1, 2);
    const std::vector<uint8_t> good(w.data().begin(), w.data().end());
    Collected ok;
    CPPUNIT_ASSERT(RtcpParser::parse(good, ok));
    for (size_t n = 0; n < good.size(); ++n) {
      if (n == 32) continue;  // the RR alone is a valid compound
      Collected c;
      CPPUNIT_ASSERT(!RtcpParser::parse(std::span(good.data(), n), c));
    }
    auto bad_count = good;
    bad_count[0] = 0x82;  // RR claims two blocks but has one
    Collected c1;
    CPPUNIT_ASSERT(!RtcpParser::parse(bad_count, c1));
    auto padded_first = good;
    padded_first[0] |= 0x20;  // padding flag on a packet that is not last
    Collected c2;
    CPPUNIT_ASSERT(!RtcpParser::parse(padded_first, c2));
    auto bad_version = good;
    bad_version[32] = 0x41;
    Collected c3;
    CPPUNIT_ASSERT(!RtcpParser::parse(bad_version, c3));
    // A FIR with a truncated FCI.
    const uint8_t fir[16] = {0x84, 206, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2};
    Collected c4;
    CPPUNIT_ASSERT(!RtcpParser::parse(fir, c4));
    // Unknown packet types (APP = 204) are skipped, not errors.
    const uint8_t app[12] = {0x80, 204, 0, 2, 0, 0, 0, 1, 'n', 'a', 'm', 'e'};
    Collected c5;
    CPPUNIT_ASSERT(RtcpParser::parse(app, c5));
  }

  void writer_refuses_overflow() {
    std::array<uint8_t, 16> buffer;
    RtcpWriter w(buffer);
    CPPUNIT_ASSERT(w.add_pli(1, 2));
    CPPUNIT_ASSERT(!w.add_pli(1, 2));  // 12 + 12 > 16
    CPPUNIT_ASSERT_EQUAL(size_t{12}, w.size());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RtcpTest);

}  // namespace meetgate::media::rtp
