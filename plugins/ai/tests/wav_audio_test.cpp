// WAV parsing and base64 decoding: real files (sox and espeak-ng write them)
// and hand-broken ones; every refusal is a 400 naming the field.
#include "wav_audio.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_error.hpp"
#include "base64_input.hpp"

namespace meetgate::ai {
namespace {

std::string le16(uint16_t v) {
  return {static_cast<char>(v & 0xff), static_cast<char>(v >> 8)};
}
std::string le32(uint32_t v) {
  return le16(v & 0xffff) + le16(v >> 16);
}

std::string wav(uint16_t format, uint16_t channels, uint32_t rate, uint16_t bits,
                const std::string &pcm, bool extra_chunk = false) {
  std::string fmt = le16(format) + le16(channels) + le32(rate) + le32(rate * channels * bits / 8) +
                    le16(channels * bits / 8) + le16(bits);
  std::string body = "WAVE";
  body += "fmt " + le32(static_cast<uint32_t>(fmt.size())) + fmt;
  if (extra_chunk) body += std::string("LIST") + le32(3) + "abc" + '\0';  // odd size + pad byte
  body += "data" + le32(static_cast<uint32_t>(pcm.size())) + pcm;
  return "RIFF" + le32(static_cast<uint32_t>(body.size())) + body;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int status_of(const std::function<void()> &call, std::string &detail) {
  try {
    call();
  } catch (const ApiError &error) {
    detail = error.detail();
    return error.status();
  }
  return 0;
}

}  // namespace

class WavAudioTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WavAudioTest);
  CPPUNIT_TEST(readsPcmAndSkipsOtherChunks);
  CPPUNIT_TEST(readsSoxOutput);
  CPPUNIT_TEST(refusesBrokenFiles);
  CPPUNIT_TEST(checksRecognizerFormat);
  CPPUNIT_TEST(streamedDataSizeReadsToTheEnd);
  CPPUNIT_TEST(base64RoundTripAndErrors);
  CPPUNIT_TEST_SUITE_END();

 public:
  void readsPcmAndSkipsOtherChunks() {
    std::string pcm(3200, '\x01');
    WavAudio audio = parse_wav(wav(1, 1, 16000, 16, pcm, true), "audio_data");
    CPPUNIT_ASSERT_EQUAL(uint32_t(16000), audio.sample_rate);
    CPPUNIT_ASSERT_EQUAL(uint16_t(1), audio.channels);
    CPPUNIT_ASSERT_EQUAL(uint16_t(16), audio.bits_per_sample);
    CPPUNIT_ASSERT_EQUAL(pcm, audio.pcm);
    CPPUNIT_ASSERT_EQUAL(uint64_t(100), audio.duration_ms());
  }

  void readsSoxOutput() {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("mg-ai-wav-" + std::to_string(getpid()) + ".wav"))
                           .string();
    CPPUNIT_ASSERT_EQUAL(
        0, std::system(
               ("sox -n -r 16000 -c 1 -b 16 " + path + " synth 0.5 sine 440 2>/dev/null").c_str()));
    WavAudio audio = parse_wav(read_file(path), "audio_data");
    std::filesystem::remove(path);
    CPPUNIT_ASSERT_EQUAL(uint32_t(16000), audio.sample_rate);
    CPPUNIT_ASSERT_EQUAL(std::size_t(16000), audio.pcm.size());  // 0.5 s of 2-byte samples
    require_recognizer_format(audio, "audio_data");
  }

  void refusesBrokenFiles() {
    std::string detail;
    CPPUNIT_ASSERT_EQUAL(400, status_of([] { parse_wav("", "audio_data"); }, detail));
    CPPUNIT_ASSERT(detail.find("empty") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(400,
                         status_of([] { parse_wav("ID3\x03 an mp3 file", "audio_data"); }, detail));
    CPPUNIT_ASSERT(detail.find("not a WAV") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(400,
                         status_of([] { parse_wav(wav(3, 1, 16000, 32, "abcd"), "f"); }, detail));
    CPPUNIT_ASSERT(detail.find("not PCM") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(400, status_of([] { parse_wav(wav(1, 1, 16000, 16, ""), "f"); }, detail));
    CPPUNIT_ASSERT(detail.find("no samples") != std::string::npos);
    std::string truncated = wav(1, 1, 16000, 16, "abcd").substr(0, 20);  // inside fmt
    CPPUNIT_ASSERT_EQUAL(400, status_of([&] { parse_wav(truncated, "f"); }, detail));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), detail.find("f:"));
    std::string no_data = "RIFF" + le32(4) + "WAVE";
    CPPUNIT_ASSERT_EQUAL(400, status_of([&] { parse_wav(no_data, "f"); }, detail));
  }

  void checksRecognizerFormat() {
    std::string detail;
    WavAudio stereo = parse_wav(wav(1, 2, 16000, 16, std::string(64, 'x')), "audio_data");
    CPPUNIT_ASSERT_EQUAL(
        400, status_of([&] { require_recognizer_format(stereo, "audio_data"); }, detail));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), detail.find("channels:"));
    WavAudio slow = parse_wav(wav(1, 1, 8000, 16, std::string(64, 'x')), "audio_data");
    CPPUNIT_ASSERT_EQUAL(400,
                         status_of([&] { require_recognizer_format(slow, "audio_data"); }, detail));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), detail.find("sample_rate:"));
    WavAudio eight_bit = parse_wav(wav(1, 1, 16000, 8, std::string(64, 'x')), "audio_data");
    CPPUNIT_ASSERT_EQUAL(
        400, status_of([&] { require_recognizer_format(eight_bit, "audio_data"); }, detail));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), detail.find("audio_data:"));
  }

  void streamedDataSizeReadsToTheEnd() {
    std::string file = wav(1, 1, 16000, 16, std::string(100, 'x'));
    file.replace(file.size() - 104, 4, le32(0xFFFFFFFF));  // the data chunk's size
    CPPUNIT_ASSERT_EQUAL(std::size_t(100), parse_wav(file, "f").pcm.size());
    std::string odd = wav(1, 1, 16000, 16, std::string(101, 'x'));  // half a sample at the end
    CPPUNIT_ASSERT_EQUAL(std::size_t(100), parse_wav(odd, "f").pcm.size());
  }

  void base64RoundTripAndErrors() {
    std::string bytes("\x00\x01\xfe\xffhello", 9);
    std::string text = encode_base64(bytes);
    CPPUNIT_ASSERT_EQUAL(bytes, decode_base64_field(text, "audio_data"));
    CPPUNIT_ASSERT_EQUAL(bytes, decode_base64_field("data:audio/wav;base64," + text, "audio_data"));
    std::string unpadded = text.substr(0, text.find('='));
    CPPUNIT_ASSERT_EQUAL(bytes, decode_base64_field(unpadded, "audio_data"));
    CPPUNIT_ASSERT_EQUAL(bytes,
                         decode_base64_field(text.substr(0, 4) + "\n" + text.substr(4), "x"));
    std::string detail;
    CPPUNIT_ASSERT_EQUAL(
        400, status_of([] { decode_base64_field("not base64 !!", "audio_data"); }, detail));
    CPPUNIT_ASSERT_EQUAL(std::string("audio_data: not valid base64"), detail);
    CPPUNIT_ASSERT_EQUAL(400, status_of([] { decode_base64_field("", "image_data"); }, detail));
    CPPUNIT_ASSERT_EQUAL(std::string("image_data: empty"), detail);
    CPPUNIT_ASSERT_EQUAL(400, status_of([] { decode_base64_field("QUJD$", "input"); }, detail));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WavAudioTest);

}  // namespace meetgate::ai
