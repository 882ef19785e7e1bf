// AudioLevelMeter (RFC 6464 decoding, smoothing) and ActiveSpeakerDetector
// (loudest wins, hold time, switch margin, silence).
#include <cppunit/extensions/HelperMacros.h>

#include <vector>

#include "active_speaker_detector.hpp"
#include "audio_level_meter.hpp"

namespace meetgate::media::rtp {

class AudioLevelTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AudioLevelTest);
  CPPUNIT_TEST(decode_rfc6464);
  CPPUNIT_TEST(meter_smooths_and_decays);
  CPPUNIT_TEST(speaker_hysteresis);
  CPPUNIT_TEST(speaker_silence_and_removal);
  CPPUNIT_TEST_SUITE_END();

 public:
  void decode_rfc6464() {
    auto level = AudioLevelMeter::decode(std::vector<uint8_t>{0x80 | 30});
    CPPUNIT_ASSERT(level.has_value());
    CPPUNIT_ASSERT_EQUAL(-30, level->dbov);
    CPPUNIT_ASSERT(level->voice);
    level = AudioLevelMeter::decode(std::vector<uint8_t>{127});
    CPPUNIT_ASSERT_EQUAL(-127, level->dbov);
    CPPUNIT_ASSERT(!level->voice);
    CPPUNIT_ASSERT(!AudioLevelMeter::decode({}).has_value());
  }

  void meter_smooths_and_decays() {
    AudioLevelMeter m;
    for (int i = 0; i < 25; ++i) m.add({-20, true});
    auto first = m.take();
    CPPUNIT_ASSERT(first.voice);
    CPPUNIT_ASSERT(first.dbov > -127 && first.dbov < -20);  // rising toward -20
    for (int round = 0; round < 5; ++round) {
      for (int i = 0; i < 25; ++i) m.add({-20, true});
      m.take();
    }
    CPPUNIT_ASSERT(m.smoothed_dbov() >= -21);
    // Silence: decays over a few intervals, not at once.
    auto quiet = m.take();
    CPPUNIT_ASSERT(!quiet.voice);
    CPPUNIT_ASSERT(quiet.dbov < -21 && quiet.dbov > -127);
    for (int round = 0; round < 20; ++round) quiet = m.take();
    CPPUNIT_ASSERT(quiet.dbov < -120);
  }

  void speaker_hysteresis() {
    ActiveSpeakerDetector d(1'000'000, 6);
    uint64_t speaker = 0;
    d.update(1, -30, true);
    d.update(2, -40, true);
    CPPUNIT_ASSERT(d.decide(0, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, speaker);
    // 2 gets louder but within the hold time: no switch.
    d.update(2, -10, true);
    CPPUNIT_ASSERT(!d.decide(500'000, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, speaker);
    // After the hold time, 2 is 20 dB louder: switch.
    CPPUNIT_ASSERT(d.decide(1'100'000, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{2}, speaker);
    // 1 is louder but by less than the margin: 2 keeps the floor.
    d.update(1, -7, true);
    CPPUNIT_ASSERT(!d.decide(5'000'000, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{2}, speaker);
    d.update(1, 0, true);
    d.update(2, -20, true);
    CPPUNIT_ASSERT(d.decide(6'000'000, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, speaker);
  }

  void speaker_silence_and_removal() {
    ActiveSpeakerDetector d(1'000'000, 6);
    uint64_t speaker = 0;
    d.update(1, -20, true);
    d.update(2, -25, true);
    CPPUNIT_ASSERT(d.decide(0, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, speaker);
    // The speaker leaves: the floor moves at once, hold or not.
    d.remove(1);
    CPPUNIT_ASSERT(d.decide(100, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{2}, speaker);
    // Everybody silent: after the hold time, nobody.
    d.update(2, -100, false);
    CPPUNIT_ASSERT(d.decide(2'000'000, speaker));
    CPPUNIT_ASSERT_EQUAL(uint64_t{0}, speaker);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AudioLevelTest);

}  // namespace meetgate::media::rtp
