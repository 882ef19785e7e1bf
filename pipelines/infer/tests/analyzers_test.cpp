// The analyzers on synthetic input: sine, silence and clipped audio; black,
// bright, sharp, blurred and frozen frames; raw frame layouts.
#include <cppunit/extensions/HelperMacros.h>

#include <cmath>
#include <cstring>
#include <numbers>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "asr_analyzer.hpp"
#include "audio_quality_analyzer.hpp"
#include "collecting_sink.hpp"
#include "face_analyzer.hpp"
#include "frame_input.hpp"
#include "video_quality_analyzer.hpp"

namespace meetgate::infer {
namespace {

std::vector<std::uint8_t> sine_pcm(double amplitude, int samples) {
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(samples) * 2);
  for (int i = 0; i < samples; ++i) {
    const double value = amplitude * 32767.0 * std::sin(2 * std::numbers::pi * 440.0 * i / 16000.0);
    const auto sample =
        static_cast<std::int16_t>(std::lround(std::clamp(value, -32768.0, 32767.0)));
    std::memcpy(&bytes[static_cast<std::size_t>(i) * 2], &sample, 2);
  }
  return bytes;
}

std::vector<std::uint8_t> png_of(const cv::Mat &image) {
  std::vector<std::uint8_t> bytes;
  cv::imencode(".png", image, bytes);
  return bytes;
}

// A sharp test pattern: a checkerboard with text-like detail.
cv::Mat pattern() {
  cv::Mat image(240, 320, CV_8UC3, cv::Scalar(128, 128, 128));
  for (int y = 0; y < image.rows; y += 20)
    for (int x = (y / 20 % 2) * 20; x < image.cols; x += 40)
      cv::rectangle(image, cv::Rect(x, y, 20, 20), cv::Scalar(250, 250, 250), cv::FILLED);
  return image;
}

}  // namespace

class AnalyzersTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AnalyzersTest);
  CPPUNIT_TEST(audio_sine_level);
  CPPUNIT_TEST(audio_silence);
  CPPUNIT_TEST(audio_clipping);
  CPPUNIT_TEST(audio_noise_floor_tracks_quiet_windows);
  CPPUNIT_TEST(audio_rejects_bad_input);
  CPPUNIT_TEST(video_black_frame);
  CPPUNIT_TEST(video_bright_sharp_frame);
  CPPUNIT_TEST(video_blurred_frame);
  CPPUNIT_TEST(video_frozen_frames);
  CPPUNIT_TEST(raw_frame_layouts);
  CPPUNIT_TEST(faces_blank_frame);
  CPPUNIT_TEST(faces_bad_cascade);
  CPPUNIT_TEST(asr_silence_gives_empty_transcript);
  CPPUNIT_TEST(asr_rejects_wrong_rate);
  CPPUNIT_TEST_SUITE_END();

 public:
  void audio_sine_level() {
    AudioQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const auto pcm = sine_pcm(0.5, 16000);
    analyzer.infer({nullptr, pcm}, sink);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, sink.deltas.size());
    CPPUNIT_ASSERT(sink.finishes[0]);
    // RMS of a sine at half scale is 0.5/sqrt(2): -9.03 dBFS; peak -6.02 dBFS.
    CPPUNIT_ASSERT_DOUBLES_EQUAL(-9.03, json_number_field(sink.last(), "rms_dbfs", 0), 0.05);
    CPPUNIT_ASSERT_DOUBLES_EQUAL(-6.02, json_number_field(sink.last(), "peak_dbfs", 0), 0.05);
    CPPUNIT_ASSERT(!json_bool_field(sink.last(), "silent", true));
    CPPUNIT_ASSERT(!json_bool_field(sink.last(), "clipped", true));
    CPPUNIT_ASSERT_EQUAL(1000.0, json_number_field(sink.last(), "duration_ms", 0));
  }

  void audio_silence() {
    AudioQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const std::vector<std::uint8_t> zeros(3200, 0);
    analyzer.infer({nullptr, zeros}, sink);
    CPPUNIT_ASSERT(json_bool_field(sink.last(), "silent", false));
    CPPUNIT_ASSERT_EQUAL(AudioQualityAnalyzer::kFloorDbfs,
                         json_number_field(sink.last(), "rms_dbfs", 0));
    CPPUNIT_ASSERT_EQUAL(0.0, json_number_field(sink.last(), "clipping_ratio", 1));
  }

  void audio_clipping() {
    AudioQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const auto pcm = sine_pcm(2.0, 16000);  // twice full scale: flattened tops
    analyzer.infer({nullptr, pcm}, sink);
    CPPUNIT_ASSERT(json_bool_field(sink.last(), "clipped", false));
    CPPUNIT_ASSERT(json_number_field(sink.last(), "clipping_ratio", 0) > 0.3);
    CPPUNIT_ASSERT_DOUBLES_EQUAL(0.0, json_number_field(sink.last(), "peak_dbfs", -1), 0.01);
  }

  void audio_noise_floor_tracks_quiet_windows() {
    AudioQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const auto quiet = sine_pcm(0.001, 16000);  // about -63 dBFS
    const auto loud = sine_pcm(0.5, 16000);
    analyzer.infer({nullptr, quiet}, sink);
    analyzer.infer({nullptr, loud}, sink);
    // Half the session's windows are quiet: the 10th percentile is their level.
    CPPUNIT_ASSERT_DOUBLES_EQUAL(-63.0, json_number_field(sink.last(), "noise_floor_dbfs", 0), 1.0);
  }

  void audio_rejects_bad_input() {
    AudioQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const std::vector<std::uint8_t> odd(3, 0), empty;
    CPPUNIT_ASSERT_THROW(analyzer.infer({nullptr, odd}, sink), AnalyzerError);
    CPPUNIT_ASSERT_THROW(analyzer.infer({nullptr, empty}, sink), AnalyzerError);
    JsonPtr stereo = json_take(json_pack("{s:i}", "channels", 2));
    const auto pcm = sine_pcm(0.5, 100);
    CPPUNIT_ASSERT_THROW(analyzer.infer({stereo.get(), pcm}, sink), AnalyzerError);
    CPPUNIT_ASSERT(sink.deltas.empty());
  }

  void video_black_frame() {
    VideoQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const auto png = png_of(cv::Mat(120, 160, CV_8UC3, cv::Scalar(3, 3, 3)));
    analyzer.infer({nullptr, png}, sink);
    CPPUNIT_ASSERT(json_bool_field(sink.last(), "black", false));
    CPPUNIT_ASSERT(json_is_null(json_object_get(sink.last(), "difference")));  // no previous frame
    CPPUNIT_ASSERT(!json_bool_field(sink.last(), "frozen", true));
    // Limited-range video black (luma 16), as a decoder gives a black camera.
    VideoQualityAnalyzer decoded({});
    decoded.infer({nullptr, png_of(cv::Mat(120, 160, CV_8UC3, cv::Scalar(16, 16, 16)))}, sink);
    CPPUNIT_ASSERT(json_bool_field(sink.last(), "black", false));
  }

  void video_bright_sharp_frame() {
    VideoQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const auto png = png_of(pattern());
    analyzer.infer({nullptr, png}, sink);
    CPPUNIT_ASSERT(!json_bool_field(sink.last(), "black", true));
    CPPUNIT_ASSERT(!json_bool_field(sink.last(), "blurry", true));
    CPPUNIT_ASSERT(json_number_field(sink.last(), "brightness", 0) > 150);
    CPPUNIT_ASSERT_EQUAL(320.0, json_number_field(sink.last(), "width", 0));
  }

  void video_blurred_frame() {
    VideoQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    cv::Mat blurred;
    cv::GaussianBlur(pattern(), blurred, cv::Size(0, 0), 8.0);
    const auto sharp_png = png_of(pattern()), blurred_png = png_of(blurred);
    analyzer.infer({nullptr, sharp_png}, sink);
    const double sharp = json_number_field(sink.last(), "blur_variance", 0);
    analyzer.infer({nullptr, blurred_png}, sink);
    CPPUNIT_ASSERT(json_bool_field(sink.last(), "blurry", false));
    CPPUNIT_ASSERT(json_number_field(sink.last(), "blur_variance", 1e9) < sharp / 10);
  }

  void video_frozen_frames() {
    VideoQualityAnalyzer analyzer({});
    test::CollectingSink sink;
    const auto first = png_of(pattern());
    cv::Mat moved = pattern();
    cv::circle(moved, cv::Point(160, 120), 60, cv::Scalar(0, 0, 255), cv::FILLED);
    const auto second = png_of(moved);
    analyzer.infer({nullptr, first}, sink);
    analyzer.infer({nullptr, first}, sink);
    CPPUNIT_ASSERT(json_bool_field(sink.last(), "frozen", false));
    analyzer.infer({nullptr, first}, sink);
    CPPUNIT_ASSERT_EQUAL(2.0, json_number_field(sink.last(), "frozen_frames", 0));
    analyzer.infer({nullptr, second}, sink);
    CPPUNIT_ASSERT(!json_bool_field(sink.last(), "frozen", true));
    CPPUNIT_ASSERT_EQUAL(0.0, json_number_field(sink.last(), "frozen_frames", 9));
  }

  void raw_frame_layouts() {
    // bgr24 with row padding: the stride is honoured.
    const int width = 4, height = 2, stride = 16;
    std::vector<std::uint8_t> bgr(static_cast<std::size_t>(stride) * height, 255);
    JsonPtr header = json_take(json_pack("{s:s, s:i, s:i, s:i}", "format", "bgr24", "width", width,
                                         "height", height, "stride", stride));
    cv::Mat gray = read_gray_frame({header.get(), bgr});
    CPPUNIT_ASSERT_EQUAL(4, gray.cols);
    CPPUNIT_ASSERT_EQUAL(255, static_cast<int>(gray.at<std::uint8_t>(1, 3)));
    // i420: Y plane plus two quarter planes; a short buffer is refused.
    JsonPtr i420 =
        json_take(json_pack("{s:s, s:i, s:i}", "format", "i420", "width", 4, "height", 2));
    std::vector<std::uint8_t> yuv(8 + 2 + 2, 16);
    CPPUNIT_ASSERT_EQUAL(2, read_gray_frame({i420.get(), yuv}).rows);
    yuv.pop_back();
    CPPUNIT_ASSERT_THROW(read_gray_frame({i420.get(), yuv}), AnalyzerError);
    JsonPtr huge =
        json_take(json_pack("{s:s, s:i, s:i}", "format", "gray8", "width", 100000, "height", 1));
    CPPUNIT_ASSERT_THROW(read_gray_frame({huge.get(), yuv}), AnalyzerError);
    JsonPtr unknown =
        json_take(json_pack("{s:s, s:i, s:i}", "format", "yuyv", "width", 2, "height", 2));
    CPPUNIT_ASSERT_THROW(read_gray_frame({unknown.get(), yuv}), AnalyzerError);
  }

  void faces_blank_frame() {
    FaceAnalyzer analyzer(FaceSettings{});
    test::CollectingSink sink;
    const auto png = png_of(cv::Mat(480, 640, CV_8UC3, cv::Scalar(200, 200, 200)));
    analyzer.infer({nullptr, png}, sink);
    CPPUNIT_ASSERT_EQUAL(0.0, json_number_field(sink.last(), "count", -1));
    CPPUNIT_ASSERT_EQUAL(size_t{0}, json_array_size(json_object_get(sink.last(), "faces")));
  }

  void faces_bad_cascade() {
    FaceSettings settings;
    settings.cascade_path = "/nonexistent/cascade.xml";
    CPPUNIT_ASSERT_THROW(FaceAnalyzer analyzer(settings), AnalyzerError);
  }

  void asr_silence_gives_empty_transcript() {
    AsrAnalyzer analyzer(AsrSettings{});
    test::CollectingSink sink;
    const std::vector<std::uint8_t> silence(32000, 0);  // one second
    analyzer.infer({nullptr, silence}, sink);
    CPPUNIT_ASSERT_EQUAL(std::string("end"), json_string_field(sink.last(), "type"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), json_string_field(sink.last(), "transcript"));
    CPPUNIT_ASSERT_EQUAL(0.0, json_number_field(sink.last(), "utterances", -1));
    CPPUNIT_ASSERT(sink.finishes.back());
  }

  void asr_rejects_wrong_rate() {
    AsrAnalyzer analyzer(AsrSettings{});
    test::CollectingSink sink;
    JsonPtr data = json_take(json_pack("{s:i}", "sample_rate", 48000));
    const std::vector<std::uint8_t> pcm(960, 0);
    try {
      analyzer.infer({data.get(), pcm}, sink);
      CPPUNIT_FAIL("48 kHz accepted");
    } catch (const AnalyzerError &error) {
      CPPUNIT_ASSERT(error.code() == ErrorCode::kBadInput);
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AnalyzersTest);

}  // namespace meetgate::infer
