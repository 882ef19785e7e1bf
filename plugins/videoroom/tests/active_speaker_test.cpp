#include "active_speaker.hpp"

#include <cppunit/extensions/HelperMacros.h>

using meetgate::videoroom::ActiveSpeaker;

class ActiveSpeakerTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ActiveSpeakerTest);
  CPPUNIT_TEST(announcesTheLoudestVoiceOnce);
  CPPUNIT_TEST(throttlesChanges);
  CPPUNIT_TEST(ignoresSilenceAndNoise);
  CPPUNIT_TEST_SUITE_END();

 public:
  void announcesTheLoudestVoiceOnce() {
    ActiveSpeaker speaker(1000, 50);
    auto first = speaker.observe(7, 30, true, 0);
    CPPUNIT_ASSERT(first && *first == 7);
    CPPUNIT_ASSERT(!speaker.observe(7, 20, true, 100));
    CPPUNIT_ASSERT(!speaker.observe(7, 20, true, 2000));
  }

  void throttlesChanges() {
    ActiveSpeaker speaker(1000, 50);
    CPPUNIT_ASSERT(speaker.observe(1, 30, true, 0));
    CPPUNIT_ASSERT(!speaker.observe(2, 10, true, 500));  // louder, but too soon
    auto later = speaker.observe(2, 10, true, 1100);
    CPPUNIT_ASSERT(later && *later == 2);
    speaker.forget(2);
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, speaker.current());
  }

  void ignoresSilenceAndNoise() {
    ActiveSpeaker speaker(1000, 50);
    CPPUNIT_ASSERT(!speaker.observe(1, 90, true, 0));    // too quiet
    CPPUNIT_ASSERT(!speaker.observe(1, 10, false, 10));  // loud but no voice
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(ActiveSpeakerTest);
