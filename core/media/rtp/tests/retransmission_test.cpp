// RetransmissionBuffer: store, find, overwrite by a newer lap, age and
// resend rate limits.
#include <cppunit/extensions/HelperMacros.h>

#include <cstring>

#include "retransmission_buffer.hpp"

namespace meetgate::media::rtp {

class RetransmissionTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RetransmissionTest);
  CPPUNIT_TEST(stores_and_answers);
  CPPUNIT_TEST(newer_lap_overwrites);
  CPPUNIT_TEST(age_and_resend_interval);
  CPPUNIT_TEST(disabled_buffer);
  CPPUNIT_TEST_SUITE_END();

  static void store(RetransmissionBuffer &b, uint16_t seq, uint8_t fill, uint64_t now) {
    auto slot = b.slot_for(seq);
    std::memset(slot.data(), fill, 100);
    b.commit(seq, 100, now);
  }

 public:
  void stores_and_answers() {
    RetransmissionBuffer b(100);  // rounded up to 128
    CPPUNIT_ASSERT_EQUAL(size_t{128}, b.slot_count());
    for (uint16_t s = 0; s < 50; ++s) store(b, s, static_cast<uint8_t>(s), 1000);
    auto p = b.take_for_resend(42, 2000, 1'000'000, 10'000);
    CPPUNIT_ASSERT_EQUAL(size_t{100}, p.size());
    CPPUNIT_ASSERT_EQUAL(uint8_t{42}, p[0]);
    CPPUNIT_ASSERT(b.take_for_resend(60, 2000, 1'000'000, 10'000).empty());  // never stored
  }

  void newer_lap_overwrites() {
    RetransmissionBuffer b(16);
    store(b, 3, 1, 1000);
    store(b, 19, 2, 1000);  // same slot, next lap
    CPPUNIT_ASSERT(b.take_for_resend(3, 2000, 1'000'000, 0).empty());
    CPPUNIT_ASSERT_EQUAL(uint8_t{2}, b.take_for_resend(19, 2000, 1'000'000, 0)[0]);
    // Wrap-around of the sequence number itself.
    store(b, 65535, 7, 1000);
    CPPUNIT_ASSERT_EQUAL(uint8_t{7}, b.take_for_resend(65535, 2000, 1'000'000, 0)[0]);
  }

  void age_and_resend_interval() {
    RetransmissionBuffer b(16);
    store(b, 5, 5, 1'000'000);
    CPPUNIT_ASSERT(!b.take_for_resend(5, 1'010'000, 500'000, 20'000).empty());
    CPPUNIT_ASSERT(b.take_for_resend(5, 1'020'000, 500'000, 20'000).empty());  // too soon
    CPPUNIT_ASSERT(!b.take_for_resend(5, 1'040'000, 500'000, 20'000).empty());
    CPPUNIT_ASSERT(b.take_for_resend(5, 1'600'000, 500'000, 20'000).empty());  // too old
    b.clear();
    store(b, 6, 6, 1'000'000);
    b.clear();
    CPPUNIT_ASSERT(b.take_for_resend(6, 1'000'001, 500'000, 0).empty());
  }

  void disabled_buffer() {
    RetransmissionBuffer b(0);
    CPPUNIT_ASSERT(b.slot_for(1).empty());
    b.commit(1, 10, 1);
    CPPUNIT_ASSERT(b.take_for_resend(1, 2, 100, 0).empty());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RetransmissionTest);

}  // namespace meetgate::media::rtp
