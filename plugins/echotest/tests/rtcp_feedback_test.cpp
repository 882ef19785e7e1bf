#include "rtcp_feedback.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdint>
#include <vector>

using meetgate::echotest::rtcp_requests_keyframe;

namespace {
// A receiver report with no report blocks: V=2, RC=0, PT=201, length=1.
const std::vector<uint8_t> kReceiverReport = {0x80, 201, 0, 1, 0, 0, 0, 1};
// A PLI: V=2, FMT=1, PT=206, length=2, sender SSRC, media SSRC.
const std::vector<uint8_t> kPli = {0x81, 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2};
// A FIR: V=2, FMT=4, PT=206, length=4, SSRCs, one FCI entry.
const std::vector<uint8_t> kFir = {0x84, 206, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 7, 0, 0, 0};
// A REMB (PSFB FMT=15) is feedback but not a keyframe request.
const std::vector<uint8_t> kRemb = {0x8F, 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0};

std::vector<uint8_t> concat(std::vector<uint8_t> a, const std::vector<uint8_t> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
}  // namespace

class RtcpFeedbackTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RtcpFeedbackTest);
  CPPUNIT_TEST(findsPliAndFir);
  CPPUNIT_TEST(findsPliAfterReceiverReport);
  CPPUNIT_TEST(ignoresOtherFeedback);
  CPPUNIT_TEST(refusesMalformed);
  CPPUNIT_TEST_SUITE_END();

 public:
  void findsPliAndFir() {
    CPPUNIT_ASSERT(rtcp_requests_keyframe(kPli.data(), kPli.size()));
    CPPUNIT_ASSERT(rtcp_requests_keyframe(kFir.data(), kFir.size()));
  }

  void findsPliAfterReceiverReport() {
    const auto compound = concat(kReceiverReport, kPli);
    CPPUNIT_ASSERT(rtcp_requests_keyframe(compound.data(), compound.size()));
  }

  void ignoresOtherFeedback() {
    CPPUNIT_ASSERT(!rtcp_requests_keyframe(kReceiverReport.data(), kReceiverReport.size()));
    CPPUNIT_ASSERT(!rtcp_requests_keyframe(kRemb.data(), kRemb.size()));
  }

  void refusesMalformed() {
    // Truncated PLI: the header says 12 bytes, 8 are there.
    CPPUNIT_ASSERT(!rtcp_requests_keyframe(kPli.data(), 8));
    // Version 1.
    std::vector<uint8_t> bad_version = kPli;
    bad_version[0] = 0x41;
    CPPUNIT_ASSERT(!rtcp_requests_keyframe(bad_version.data(), bad_version.size()));
    CPPUNIT_ASSERT(!rtcp_requests_keyframe(nullptr, 0));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(RtcpFeedbackTest);
