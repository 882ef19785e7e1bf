// The extraction pipelines fed real RTP made by GStreamer encoders: opus
// packets of espeak-ng speech must come out as 16 kHz mono PCM of the same
// length and loudness, VP8 video at 30 fps as JPEG frames at 1 fps.
#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <mutex>
#include <vector>

#include "meetgate/extract/audio_extractor.hpp"
#include "meetgate/extract/video_extractor.hpp"
#include "rtp_packet_source.hpp"

namespace meetgate::extract::test {
namespace {

using namespace std::chrono_literals;

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mg-extract-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

double rms_of(const std::string &pcm) {
  double sum = 0;
  std::size_t samples = pcm.size() / 2;
  for (std::size_t i = 0; i < samples; ++i) {
    int16_t sample = static_cast<int16_t>(static_cast<uint8_t>(pcm[2 * i]) |
                                          (static_cast<uint8_t>(pcm[2 * i + 1]) << 8));
    sum += static_cast<double>(sample) * sample;
  }
  return samples ? std::sqrt(sum / samples) : 0;
}

RtpStreamInfo opus_stream() {
  return {MediaKind::kAudio, "opus", 48000, 111, 2};
}

}  // namespace

class ExtractTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ExtractTest);
  CPPUNIT_TEST(opusSpeechBecomesPcm16kMono);
  CPPUNIT_TEST(vp8VideoSampledAtOneFps);
  CPPUNIT_TEST(rawI420FramesHaveTheirSize);
  CPPUNIT_TEST(unsupportedCodecRefused);
  CPPUNIT_TEST(garbagePacketsDoNotCrash);
  CPPUNIT_TEST(pushAfterFinishRefused);
  CPPUNIT_TEST_SUITE_END();

 public:
  void opusSpeechBecomesPcm16kMono() {
    TempDir dir;
    std::string wav = (dir.path / "speech.wav").string();
    run_command("espeak-ng -v en-us+klatt -s 140 -w " + wav +
                " 'hello everyone, my name is john. i would like to talk about the new project.'");
    // Reference: the same speech at 16 kHz mono, measured by GStreamer itself.
    std::vector<std::string> packets = rtp_packets_from(
        "filesrc location=" + wav +
            " ! wavparse ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=2"
            " ! opusenc ! rtpopuspay pt=111 ! appsink name=sink",
        20s);
    CPPUNIT_ASSERT(packets.size() > 100);  // 20 ms packets of several seconds
    std::mutex mutex;
    std::vector<std::string> chunks;
    AudioExtractorOptions options;
    AudioExtractor extractor(opus_stream(), options, [&](std::string pcm) {
      std::lock_guard lock(mutex);
      chunks.push_back(std::move(pcm));
    });
    std::size_t refused = 0;
    push_paced(packets, 48000, 2.0, [&](const std::string &packet) {
      if (!extractor.push_rtp(reinterpret_cast<const uint8_t *>(packet.data()), packet.size()))
        ++refused;
    });
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), refused);
    CPPUNIT_ASSERT_MESSAGE(extractor.error(), extractor.finish(30s));
    std::lock_guard lock(mutex);
    std::string all;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (i + 1 < chunks.size()) CPPUNIT_ASSERT_EQUAL(std::size_t(16000), chunks[i].size());
      all += chunks[i];
    }
    double media_seconds = packets.size() * 0.020;
    double pcm_seconds = all.size() / 2.0 / 16000.0;
    CPPUNIT_ASSERT_MESSAGE(std::to_string(pcm_seconds) + " s of PCM for " +
                               std::to_string(media_seconds) + " s of opus",
                           std::abs(pcm_seconds - media_seconds) < 0.15 * media_seconds);
    CPPUNIT_ASSERT_MESSAGE("speech is not silent", rms_of(all) > 300);
  }

  void vp8VideoSampledAtOneFps() {
    std::vector<std::string> packets = rtp_packets_from(
        "videotestsrc num-buffers=120 pattern=ball ! video/x-raw,width=320,height=240,"
        "framerate=30/1 ! vp8enc deadline=1 ! rtpvp8pay pt=96 ! appsink name=sink",
        30s);
    std::mutex mutex;
    std::vector<ExtractedFrame> frames;
    VideoExtractorOptions options;
    options.width = 160;
    VideoExtractor extractor({MediaKind::kVideo, "VP8", 90000, 96, 0}, options,
                             [&](ExtractedFrame frame) {
                               std::lock_guard lock(mutex);
                               frames.push_back(std::move(frame));
                             });
    push_paced(packets, 90000, 1.0, [&](const std::string &packet) {
      extractor.push_rtp(reinterpret_cast<const uint8_t *>(packet.data()), packet.size());
    });
    CPPUNIT_ASSERT_MESSAGE(extractor.error(), extractor.finish(30s));
    std::lock_guard lock(mutex);
    // 4 s of video at 1 fps: 4 frames, one either way for where sampling starts.
    std::string times;
    for (const ExtractedFrame &frame : frames) times += std::to_string(frame.pts_ms) + " ";
    CPPUNIT_ASSERT_MESSAGE(std::to_string(frames.size()) + " frames at " + times,
                           frames.size() >= 3 && frames.size() <= 5);
    for (const ExtractedFrame &frame : frames) {
      CPPUNIT_ASSERT_EQUAL(160, frame.width);
      CPPUNIT_ASSERT_EQUAL(120, frame.height);
      CPPUNIT_ASSERT(frame.data.size() > 4);
      CPPUNIT_ASSERT_EQUAL(std::string("\xff\xd8"), frame.data.substr(0, 2));  // JPEG SOI
    }
  }

  void rawI420FramesHaveTheirSize() {
    std::vector<std::string> packets = rtp_packets_from(
        "videotestsrc num-buffers=60 ! video/x-raw,width=320,height=240,framerate=30/1"
        " ! vp8enc deadline=1 ! rtpvp8pay pt=100 ! appsink name=sink",
        30s);
    std::mutex mutex;
    std::vector<ExtractedFrame> frames;
    VideoExtractorOptions options;
    options.format = FrameFormat::kI420;
    options.width = 0;
    options.fps_numerator = 2;
    VideoExtractor extractor({MediaKind::kVideo, "vp8", 90000, 100, 0}, options,
                             [&](ExtractedFrame frame) {
                               std::lock_guard lock(mutex);
                               frames.push_back(std::move(frame));
                             });
    push_paced(packets, 90000, 1.0, [&](const std::string &packet) {
      extractor.push_rtp(reinterpret_cast<const uint8_t *>(packet.data()), packet.size());
    });
    CPPUNIT_ASSERT_MESSAGE(extractor.error(), extractor.finish(30s));
    std::lock_guard lock(mutex);
    CPPUNIT_ASSERT_MESSAGE(std::to_string(frames.size()) + " frames",
                           frames.size() >= 3 && frames.size() <= 5);
    for (const ExtractedFrame &frame : frames) {
      CPPUNIT_ASSERT_EQUAL(320, frame.width);
      CPPUNIT_ASSERT_EQUAL(std::size_t(320 * 240 * 3 / 2), frame.data.size());
    }
  }

  void unsupportedCodecRefused() {
    CPPUNIT_ASSERT(!codec_supported({MediaKind::kAudio, "G729", 8000, 18, 1}));
    CPPUNIT_ASSERT(codec_supported(opus_stream()));
    CPPUNIT_ASSERT_THROW(
        AudioExtractor({MediaKind::kAudio, "G729", 8000, 18, 1}, {}, [](std::string) {}),
        ExtractError);
    CPPUNIT_ASSERT_THROW(
        AudioExtractor({MediaKind::kVideo, "VP8", 90000, 96, 0}, {}, [](std::string) {}),
        ExtractError);
  }

  void garbagePacketsDoNotCrash() {
    std::size_t bytes = 0;
    AudioExtractor extractor(opus_stream(), {}, [&](std::string pcm) { bytes += pcm.size(); });
    const uint8_t junk[] = {0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x80};
    for (int i = 0; i < 50; ++i) extractor.push_rtp(junk, sizeof junk);
    extractor.finish(10s);  // ends or reports an error; neither crashes nor hangs
    CPPUNIT_ASSERT(!extractor.push_rtp(junk, sizeof junk));
  }

  void pushAfterFinishRefused() {
    AudioExtractor extractor(opus_stream(), {}, [](std::string) {});
    CPPUNIT_ASSERT(extractor.finish(10s));
    const uint8_t packet[12] = {0x80, 111};
    CPPUNIT_ASSERT(!extractor.push_rtp(packet, sizeof packet));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExtractTest);

}  // namespace meetgate::extract::test
