// RFC 7983 demultiplexing and the header reads of the transport.
#include "packet_demux.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <vector>

using namespace meetgate::media;

class PacketDemuxTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PacketDemuxTest);
  CPPUNIT_TEST(classifies_by_first_byte);
  CPPUNIT_TEST(finds_one_byte_extension);
  CPPUNIT_TEST(rejects_truncated_headers);
  CPPUNIT_TEST(walks_compound_rtcp);
  CPPUNIT_TEST_SUITE_END();

 public:
  void classifies_by_first_byte() {
    uint8_t stun[20] = {0x00, 0x01};
    uint8_t dtls[13] = {22, 0xfe, 0xfd};
    uint8_t rtp[12] = {0x80, 96};
    uint8_t rtcp[8] = {0x80, 200};
    CPPUNIT_ASSERT(classify_packet(stun, sizeof stun) == PacketClass::kStun);
    CPPUNIT_ASSERT(classify_packet(dtls, sizeof dtls) == PacketClass::kDtls);
    CPPUNIT_ASSERT(classify_packet(rtp, sizeof rtp) == PacketClass::kRtp);
    CPPUNIT_ASSERT(classify_packet(rtcp, sizeof rtcp) == PacketClass::kRtcp);
    CPPUNIT_ASSERT(classify_packet(rtp, 0) == PacketClass::kUnknown);
    uint8_t other[4] = {70};
    CPPUNIT_ASSERT(classify_packet(other, sizeof other) == PacketClass::kUnknown);
  }

  void finds_one_byte_extension() {
    // V=2 X=1, PT 97, seq 1, ts 0, SSRC 0x01020304, BEDE ext: id 1 "0", id 3 len 2.
    std::vector<uint8_t> packet = {0x90, 97, 0, 1,    0,   0,    0,   0,   1, 2, 3, 4,   0xBE,
                                   0xDE, 0,  2, 0x10, '0', 0x31, 'a', 'b', 0, 0, 0, 0xAA};
    RtpHeader header;
    CPPUNIT_ASSERT(parse_rtp_header(packet.data(), packet.size(), header));
    CPPUNIT_ASSERT_EQUAL(uint32_t{0x01020304}, header.ssrc);
    CPPUNIT_ASSERT_EQUAL(size_t{24}, header.header_size);
    CPPUNIT_ASSERT(find_rtp_extension(packet.data(), packet.size(), 1) == "0");
    CPPUNIT_ASSERT(find_rtp_extension(packet.data(), packet.size(), 3) == "ab");
    CPPUNIT_ASSERT(find_rtp_extension(packet.data(), packet.size(), 2).empty());
  }

  void rejects_truncated_headers() {
    std::vector<uint8_t> packet = {0x90, 97, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4, 0xBE, 0xDE, 0, 9};
    RtpHeader header;
    for (size_t len = 0; len <= packet.size(); ++len) {
      CPPUNIT_ASSERT(!parse_rtp_header(packet.data(), len, header));
      CPPUNIT_ASSERT(find_rtp_extension(packet.data(), len, 1).empty());
    }
  }

  void walks_compound_rtcp() {
    uint8_t compound[24];
    size_t len = write_pli(compound, 7, 9);
    len += write_pli(compound + len, 8, 10);
    int plis = 0;
    CPPUNIT_ASSERT(
        for_each_rtcp(compound, len, [&](uint8_t type, uint8_t fmt, uint8_t *p, size_t size) {
          plis += type == 206 && fmt == 1 && size == 12 && read_u32(p + 8) >= 9;
        }));
    CPPUNIT_ASSERT_EQUAL(2, plis);
    CPPUNIT_ASSERT(!for_each_rtcp(compound, len - 1, [](uint8_t, uint8_t, uint8_t *, size_t) {}));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PacketDemuxTest);
