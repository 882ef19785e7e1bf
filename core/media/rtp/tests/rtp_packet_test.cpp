// RtpPacketView / RtpPacketBuilder: round trips, extensions in both forms,
// in-place rewriting and malformed input.
#include <cppunit/extensions/HelperMacros.h>

#include <array>
#include <vector>

#include "rtp_packet_builder.hpp"
#include "rtp_packet_view.hpp"
#include "test_support.hpp"

namespace meetgate::media::rtp {

class RtpPacketTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RtpPacketTest);
  CPPUNIT_TEST(round_trip_with_csrcs_extensions_padding);
  CPPUNIT_TEST(two_byte_extensions);
  CPPUNIT_TEST(in_place_rewrite);
  CPPUNIT_TEST(remap_and_remove_extension_ids);
  CPPUNIT_TEST(malformed_packets_are_rejected);
  CPPUNIT_TEST(builder_refuses_overflow_and_bad_order);
  CPPUNIT_TEST(demux_tests);
  CPPUNIT_TEST_SUITE_END();

 public:
  void round_trip_with_csrcs_extensions_padding() {
    std::vector<uint8_t> buffer(200);
    RtpPacketBuilder b(buffer, 111, 65535, 0xDEADBEEF, 0x12345678, true);
    CPPUNIT_ASSERT(b.add_csrc(0xAAAA0001));
    CPPUNIT_ASSERT(b.add_csrc(0xAAAA0002));
    const std::vector<uint8_t> level = {0x85};
    const std::vector<uint8_t> mid = {'a', 'u', 'd', 'i', 'o'};
    CPPUNIT_ASSERT(b.add_extension(1, level));
    CPPUNIT_ASSERT(b.add_extension(4, mid));
    const std::vector<uint8_t> payload = {1, 2, 3, 4, 5, 6, 7};
    CPPUNIT_ASSERT(b.set_payload(payload));
    CPPUNIT_ASSERT(b.set_padding(3));
    const size_t size = b.finish();
    CPPUNIT_ASSERT(size > 0);
    auto view = RtpPacketView::parse_readonly(std::span<const uint8_t>(buffer.data(), size));
    CPPUNIT_ASSERT(view.has_value());
    CPPUNIT_ASSERT_EQUAL(uint8_t{2}, view->version());
    CPPUNIT_ASSERT(view->marker());
    CPPUNIT_ASSERT_EQUAL(uint8_t{111}, view->payload_type());
    CPPUNIT_ASSERT_EQUAL(uint16_t{65535}, view->sequence_number());
    CPPUNIT_ASSERT_EQUAL(0xDEADBEEFu, view->timestamp());
    CPPUNIT_ASSERT_EQUAL(0x12345678u, view->ssrc());
    CPPUNIT_ASSERT_EQUAL(uint8_t{2}, view->csrc_count());
    CPPUNIT_ASSERT_EQUAL(0xAAAA0002u, view->csrc(1));
    CPPUNIT_ASSERT_EQUAL(RtpPacketView::kOneByteProfile, view->extension_profile());
    auto found = view->find_extension(4);
    CPPUNIT_ASSERT(found.has_value());
    CPPUNIT_ASSERT(std::vector<uint8_t>(found->begin(), found->end()) == mid);
    CPPUNIT_ASSERT_EQUAL(uint8_t{0x85}, (*view->find_extension(1))[0]);
    CPPUNIT_ASSERT(!view->find_extension(2).has_value());
    CPPUNIT_ASSERT_EQUAL(size_t{3}, view->padding_size());
    CPPUNIT_ASSERT(std::vector<uint8_t>(view->payload().begin(), view->payload().end()) == payload);
    CPPUNIT_ASSERT_EQUAL(size, view->size());
  }

  void two_byte_extensions() {
    std::vector<uint8_t> buffer(100);
    RtpPacketBuilder b(buffer, 96, 1, 2, 3);
    const std::vector<uint8_t> big(20, 0x42);
    CPPUNIT_ASSERT(b.add_extension(200, big, RtpPacketBuilder::ExtensionForm::kTwoByte));
    CPPUNIT_ASSERT(b.add_extension(7, {}, RtpPacketBuilder::ExtensionForm::kTwoByte));
    const size_t size = b.finish();
    auto view = RtpPacketView::parse(std::span<uint8_t>(buffer.data(), size));
    CPPUNIT_ASSERT(view.has_value());
    CPPUNIT_ASSERT_EQUAL(uint16_t{0x1000}, view->extension_profile());
    CPPUNIT_ASSERT_EQUAL(size_t{20}, view->find_extension(200)->size());
    CPPUNIT_ASSERT(view->find_extension(7).has_value());
    CPPUNIT_ASSERT(view->find_extension(7)->empty());
    CPPUNIT_ASSERT(view->payload().empty());
  }

  void in_place_rewrite() {
    auto bytes = test::make_rtp(
        {.sequence = 10, .timestamp = 1000, .ssrc = 1, .extensions = {{3, {0x01, 0x02}}}});
    auto view = RtpPacketView::parse(std::span<uint8_t>(bytes));
    CPPUNIT_ASSERT(view.has_value());
    view->set_ssrc(0xCAFEBABE);
    view->set_sequence_number(4242);
    view->set_timestamp(77);
    view->set_payload_type(100);
    view->set_marker(true);
    const uint8_t value[2] = {9, 8};
    CPPUNIT_ASSERT(view->set_extension_value(3, value));
    const uint8_t wrong_size[3] = {1, 2, 3};
    CPPUNIT_ASSERT(!view->set_extension_value(3, wrong_size));
    auto again = RtpPacketView::parse_readonly(bytes);
    CPPUNIT_ASSERT_EQUAL(0xCAFEBABEu, again->ssrc());
    CPPUNIT_ASSERT_EQUAL(uint16_t{4242}, again->sequence_number());
    CPPUNIT_ASSERT_EQUAL(77u, again->timestamp());
    CPPUNIT_ASSERT_EQUAL(uint8_t{100}, again->payload_type());
    CPPUNIT_ASSERT(again->marker());
    CPPUNIT_ASSERT_EQUAL(uint8_t{9}, (*again->find_extension(3))[0]);
  }

  void remap_and_remove_extension_ids() {
    auto bytes = test::make_rtp({.extensions = {{1, {0xAA}}, {2, {0xBB, 0xCC}}, {3, {0xDD}}}});
    auto view = RtpPacketView::parse(std::span<uint8_t>(bytes));
    std::array<uint8_t, 256> map{};
    map[1] = 5;   // renumbered
    map[2] = 0;   // removed
    map[3] = 14;  // renumbered to the highest one-byte id
    view->remap_extension_ids(map);
    auto again = RtpPacketView::parse_readonly(bytes);
    CPPUNIT_ASSERT(again.has_value());
    CPPUNIT_ASSERT(!again->find_extension(1).has_value());
    CPPUNIT_ASSERT(!again->find_extension(2).has_value());
    CPPUNIT_ASSERT_EQUAL(uint8_t{0xAA}, (*again->find_extension(5))[0]);
    CPPUNIT_ASSERT_EQUAL(uint8_t{0xDD}, (*again->find_extension(14))[0]);
    CPPUNIT_ASSERT_EQUAL(size_t{5}, again->payload().size());  // payload untouched
  }

  void malformed_packets_are_rejected() {
    const auto good = test::make_rtp({.extensions = {{1, {0x01}}}});
    CPPUNIT_ASSERT(RtpPacketView::parse_readonly(good).has_value());
    // Every truncation of a packet with an extension is invalid up to the payload.
    const auto header = RtpPacketView::parse_readonly(good)->header_size();
    for (size_t n = 0; n < header; ++n)
      CPPUNIT_ASSERT(!RtpPacketView::parse_readonly(std::span(good.data(), n)).has_value());
    auto bad_version = good;
    bad_version[0] = (bad_version[0] & 0x3F) | 0x40;
    CPPUNIT_ASSERT(!RtpPacketView::parse_readonly(bad_version).has_value());
    auto too_many_csrcs = good;
    too_many_csrcs[0] |= 0x0F;
    CPPUNIT_ASSERT(!RtpPacketView::parse_readonly(too_many_csrcs).has_value());
    auto long_extension = good;
    long_extension[14] = 0xFF;  // extension length in words
    CPPUNIT_ASSERT(!RtpPacketView::parse_readonly(long_extension).has_value());
    auto zero_padding = good;
    zero_padding[0] |= 0x20;
    zero_padding.back() = 0;
    CPPUNIT_ASSERT(!RtpPacketView::parse_readonly(zero_padding).has_value());
    auto huge_padding = good;
    huge_padding[0] |= 0x20;
    huge_padding.back() = 200;
    CPPUNIT_ASSERT(!RtpPacketView::parse_readonly(huge_padding).has_value());
    // An element running past the block is not returned.
    auto bad_element = good;
    bad_element[16] = 0x1F;  // id 1, 16 bytes: past the 4-byte block
    auto view = RtpPacketView::parse_readonly(bad_element);
    CPPUNIT_ASSERT(view.has_value());
    CPPUNIT_ASSERT(!view->find_extension(1).has_value());
  }

  void builder_refuses_overflow_and_bad_order() {
    std::vector<uint8_t> small(14);
    RtpPacketBuilder b(small, 96, 1, 1, 1);
    CPPUNIT_ASSERT(!b.set_payload(std::vector<uint8_t>(10, 0)));
    CPPUNIT_ASSERT_EQUAL(size_t{0}, b.finish());
    std::vector<uint8_t> buffer(100);
    RtpPacketBuilder order(buffer, 96, 1, 1, 1);
    CPPUNIT_ASSERT(order.add_extension(1, std::vector<uint8_t>{1}));
    CPPUNIT_ASSERT(!order.add_csrc(5));  // CSRCs come before extensions
    CPPUNIT_ASSERT_EQUAL(size_t{0}, order.finish());
    RtpPacketBuilder bad_id(buffer, 96, 1, 1, 1);
    CPPUNIT_ASSERT(!bad_id.add_extension(15, std::vector<uint8_t>{1}));
  }

  void demux_tests() {
    const auto rtp = test::make_rtp({});
    CPPUNIT_ASSERT(RtpPacketView::looks_like_rtp(rtp));
    const uint8_t rtcp[8] = {0x80, 201, 0, 1, 0, 0, 0, 1};
    CPPUNIT_ASSERT(!RtpPacketView::looks_like_rtp(rtcp));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RtpPacketTest);

}  // namespace meetgate::media::rtp
