// KeyframeDetector on VP8, VP9 and H.264 payloads built by hand after the
// RFCs, and KeyframeRequestLimiter.
#include <cppunit/extensions/HelperMacros.h>

#include <vector>

#include "keyframe_detector.hpp"
#include "keyframe_request_limiter.hpp"
#include "temporal_layer_parser.hpp"

namespace meetgate::media::rtp {

class KeyframeTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(KeyframeTest);
  CPPUNIT_TEST(vp8);
  CPPUNIT_TEST(vp9);
  CPPUNIT_TEST(h264);
  CPPUNIT_TEST(codec_names);
  CPPUNIT_TEST(limiter);
  CPPUNIT_TEST(temporal_layers);
  CPPUNIT_TEST_SUITE_END();

  using Bytes = std::vector<uint8_t>;

 public:
  void vp8() {
    // S=1, PID=0, no extensions; VP8 frame tag byte with P=0 (key frame).
    CPPUNIT_ASSERT(KeyframeDetector::is_vp8_keyframe(Bytes{0x10, 0x50, 0x9d, 0x01, 0x2a}));
    // P=1: interframe.
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp8_keyframe(Bytes{0x10, 0x51, 0x00}));
    // Not the start of partition 0.
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp8_keyframe(Bytes{0x00, 0x50}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp8_keyframe(Bytes{0x11, 0x50}));
    // X with I (15-bit picture id), L and T/K: descriptor is 6 bytes.
    CPPUNIT_ASSERT(
        KeyframeDetector::is_vp8_keyframe(Bytes{0x90, 0xE0, 0x81, 0x23, 0x05, 0x40, 0x9c, 0x01}));
    CPPUNIT_ASSERT(
        !KeyframeDetector::is_vp8_keyframe(Bytes{0x90, 0xE0, 0x81, 0x23, 0x05, 0x40, 0x9d}));
    // 7-bit picture id.
    CPPUNIT_ASSERT(KeyframeDetector::is_vp8_keyframe(Bytes{0x90, 0x80, 0x05, 0x00}));
    // Truncated descriptors never read past the end.
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp8_keyframe(Bytes{0x90, 0xE0, 0x81}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp8_keyframe(Bytes{0x90}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp8_keyframe(Bytes{}));
  }

  void vp9() {
    // I=0 P=0 L=0 F=0 B=1 E=0: start of a non-predicted frame.
    CPPUNIT_ASSERT(KeyframeDetector::is_vp9_keyframe(Bytes{0x08, 0x82}));
    // P=1: inter-predicted.
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp9_keyframe(Bytes{0x48, 0x82}));
    // B=0: not the start of the frame.
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp9_keyframe(Bytes{0x04}));
    // I=1 (15-bit picture id) and L=1 with spatial id 0, then spatial id 1.
    CPPUNIT_ASSERT(KeyframeDetector::is_vp9_keyframe(Bytes{0xA8, 0x80, 0x01, 0x00, 0x00}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp9_keyframe(Bytes{0xA8, 0x80, 0x01, 0x02, 0x00}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_vp9_keyframe(Bytes{0xA8, 0x80}));
  }

  void h264() {
    CPPUNIT_ASSERT(KeyframeDetector::is_h264_keyframe(Bytes{0x65, 0x88}));   // IDR
    CPPUNIT_ASSERT(KeyframeDetector::is_h264_keyframe(Bytes{0x67, 0x42}));   // SPS
    CPPUNIT_ASSERT(!KeyframeDetector::is_h264_keyframe(Bytes{0x41, 0x9a}));  // non-IDR slice
    // STAP-A with SPS + PPS (+ IDR), and one with only a non-IDR slice.
    CPPUNIT_ASSERT(KeyframeDetector::is_h264_keyframe(
        Bytes{0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xce}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_h264_keyframe(Bytes{0x78, 0x00, 0x02, 0x41, 0x9a}));
    // STAP-A with a size running past the payload.
    CPPUNIT_ASSERT(!KeyframeDetector::is_h264_keyframe(Bytes{0x78, 0x00, 0x09, 0x67}));
    // FU-A: start of an IDR, middle of an IDR, start of a non-IDR.
    CPPUNIT_ASSERT(KeyframeDetector::is_h264_keyframe(Bytes{0x7C, 0x85, 0x88}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_h264_keyframe(Bytes{0x7C, 0x05, 0x88}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_h264_keyframe(Bytes{0x7C, 0x81, 0x88}));
    CPPUNIT_ASSERT(!KeyframeDetector::is_h264_keyframe(Bytes{0x7C}));
  }

  void codec_names() {
    CPPUNIT_ASSERT(KeyframeDetector::codec_from_name("vp8") == VideoCodec::kVP8);
    CPPUNIT_ASSERT(KeyframeDetector::codec_from_name("VP9") == VideoCodec::kVP9);
    CPPUNIT_ASSERT(KeyframeDetector::codec_from_name("H264") == VideoCodec::kH264);
    CPPUNIT_ASSERT(KeyframeDetector::codec_from_name("opus") == VideoCodec::kUnknown);
    CPPUNIT_ASSERT(!KeyframeDetector::is_keyframe(VideoCodec::kUnknown, Bytes{0x65}));
  }

  void temporal_layers() {
    // VP8: X, I (7-bit id), L, T: TID=2, Y=1.
    auto vp8 =
        TemporalLayerParser::parse(VideoCodec::kVP8, Bytes{0x90, 0xE0, 0x05, 0x01, 0xA0, 0x00});
    CPPUNIT_ASSERT_EQUAL(2, vp8.id);
    CPPUNIT_ASSERT(vp8.switch_point);
    // VP8 with only K (no T): no temporal id.
    CPPUNIT_ASSERT_EQUAL(-1,
                         TemporalLayerParser::parse(VideoCodec::kVP8, Bytes{0x90, 0x10, 0x00}).id);
    CPPUNIT_ASSERT_EQUAL(-1, TemporalLayerParser::parse(VideoCodec::kVP8, Bytes{0x10, 0x00}).id);
    CPPUNIT_ASSERT_EQUAL(-1,
                         TemporalLayerParser::parse(VideoCodec::kVP8, Bytes{0x90, 0xE0, 0x85}).id);
    // VP9: I (15-bit id), L: TID=1, U=0, SID=0.
    auto vp9 = TemporalLayerParser::parse(VideoCodec::kVP9, Bytes{0xA8, 0x80, 0x01, 0x20, 0x00});
    CPPUNIT_ASSERT_EQUAL(1, vp9.id);
    CPPUNIT_ASSERT(!vp9.switch_point);
    CPPUNIT_ASSERT_EQUAL(-1, TemporalLayerParser::parse(VideoCodec::kVP9, Bytes{0x88}).id);
    CPPUNIT_ASSERT_EQUAL(-1, TemporalLayerParser::parse(VideoCodec::kVP9, Bytes{0xA8, 0x80}).id);
    CPPUNIT_ASSERT_EQUAL(-1, TemporalLayerParser::parse(VideoCodec::kH264, Bytes{0x65}).id);
  }

  void limiter() {
    KeyframeRequestLimiter l(500'000);
    CPPUNIT_ASSERT(l.allow(1'000'000));
    CPPUNIT_ASSERT(!l.allow(1'100'000));
    CPPUNIT_ASSERT(!l.allow(1'499'999));
    CPPUNIT_ASSERT(l.allow(1'500'000));
    CPPUNIT_ASSERT_EQUAL(uint64_t{2}, l.sent());
    CPPUNIT_ASSERT_EQUAL(uint64_t{2}, l.suppressed());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(KeyframeTest);

}  // namespace meetgate::media::rtp
