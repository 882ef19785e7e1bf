// Unit tests of the recording building blocks that need no media: RTP
// format validation and element choice, the composite grid, and the
// non-blocking RTP input (drops and gap marking).
#include <cppunit/extensions/HelperMacros.h>

#include <meetgate/recording/grid_layout.hpp>
#include <meetgate/recording/gst_ptr.hpp>
#include <meetgate/recording/rtp_format.hpp>
#include <meetgate/recording/rtp_input.hpp>
#include <stdexcept>
#include <vector>

using namespace meetgate::recording;

class RecordingUnitTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RecordingUnitTest);
  CPPUNIT_TEST(format_picks_elements);
  CPPUNIT_TEST(format_rejects_bad_input);
  CPPUNIT_TEST(grid_layouts);
  CPPUNIT_TEST(input_drops_when_full_and_marks_gap);
  CPPUNIT_TEST_SUITE_END();

 public:
  void format_picks_elements() {
    RtpFormat vp8{MediaKind::kVideo, "vp8", 90000, 96, 0};
    vp8.validate();
    CPPUNIT_ASSERT_EQUAL(std::string("rtpvp8depay"), vp8.depayloader());
    CPPUNIT_ASSERT_EQUAL(std::string("webmmux"), vp8.muxer());
    CPPUNIT_ASSERT_EQUAL(std::string(""), vp8.parser());
    RtpFormat h264{MediaKind::kVideo, "H264", 90000, 102, 0};
    CPPUNIT_ASSERT_EQUAL(std::string("matroskamux"), h264.muxer());
    CPPUNIT_ASSERT_EQUAL(std::string(".mkv"), h264.file_extension());
    CPPUNIT_ASSERT_EQUAL(std::string("h264parse"), h264.parser());
    RtpFormat opus{MediaKind::kAudio, "OPUS", 48000, 111, 2};
    opus.validate();
    CPPUNIT_ASSERT_EQUAL(
        std::string(
            "application/x-rtp,media=audio,encoding-name=OPUS,clock-rate=48000,payload=111"),
        opus.rtp_caps());
  }

  void format_rejects_bad_input() {
    RtpFormat unknown{MediaKind::kVideo, "AV2", 90000, 96, 0};
    CPPUNIT_ASSERT_THROW(unknown.validate(), std::invalid_argument);
    RtpFormat wrong_kind{MediaKind::kVideo, "opus", 48000, 111, 2};
    CPPUNIT_ASSERT_THROW(wrong_kind.validate(), std::invalid_argument);
    RtpFormat no_clock{MediaKind::kAudio, "opus", 0, 111, 2};
    CPPUNIT_ASSERT_THROW(no_clock.validate(), std::invalid_argument);
    RtpFormat bad_pt{MediaKind::kAudio, "opus", 48000, 200, 2};
    CPPUNIT_ASSERT_THROW(bad_pt.validate(), std::invalid_argument);
  }

  void grid_layouts() {
    CPPUNIT_ASSERT(grid_layout(0, 1280, 720).empty());
    auto one = grid_layout(1, 1280, 720);
    CPPUNIT_ASSERT_EQUAL(1280, one[0].width);
    CPPUNIT_ASSERT_EQUAL(720, one[0].height);
    auto three = grid_layout(3, 640, 360);  // 2x2, last cell empty
    CPPUNIT_ASSERT_EQUAL(size_t(3), three.size());
    CPPUNIT_ASSERT_EQUAL(320, three[1].x);
    CPPUNIT_ASSERT_EQUAL(0, three[1].y);
    CPPUNIT_ASSERT_EQUAL(0, three[2].x);
    CPPUNIT_ASSERT_EQUAL(180, three[2].y);
    auto five = grid_layout(5, 1280, 720);  // 3 columns, 2 rows
    CPPUNIT_ASSERT_EQUAL(426, five[1].x);
    CPPUNIT_ASSERT_EQUAL(426, five[4].width);
    for (const Tile &tile : grid_layout(7, 1281, 721)) {
      CPPUNIT_ASSERT(tile.width % 2 == 0 && tile.height % 2 == 0);
      CPPUNIT_ASSERT(tile.x + tile.width <= 1281 && tile.y + tile.height <= 721);
    }
  }

  void input_drops_when_full_and_marks_gap() {
    ensure_gstreamer();
    RtpFormat opus{MediaKind::kAudio, "opus", 48000, 111, 2};
    // Not in a running pipeline: nothing drains the queue, so it fills.
    RtpInput input(opus, 1000, {});
    std::vector<uint8_t> packet(300, 0);
    packet[0] = 0x80;
    int accepted = 0;
    for (int i = 0; i < 10; ++i) accepted += input.push(packet.data(), packet.size()) ? 1 : 0;
    CPPUNIT_ASSERT_EQUAL(3, accepted);
    CPPUNIT_ASSERT_EQUAL(uint64_t(7), input.dropped());
    CPPUNIT_ASSERT_EQUAL(uint64_t(1), input.gaps());
    std::vector<uint8_t> not_rtp(5, 0);
    CPPUNIT_ASSERT(!input.push(not_rtp.data(), not_rtp.size()));
    input.end_of_stream();
    CPPUNIT_ASSERT(!input.push(packet.data(), packet.size()));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordingUnitTest);
