// Validation of the REST bodies: each refusal names its field; a valid body
// becomes the job the unit receives (model, header, payload).
#include <cppunit/extensions/HelperMacros.h>

#include "analysis_request.hpp"
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
std::string wav16k(const std::string &pcm, uint32_t rate = 16000) {
  std::string fmt = le16(1) + le16(1) + le32(rate) + le32(rate * 2) + le16(2) + le16(16);
  std::string body = "WAVEfmt " + le32(16) + fmt + "data" + le32(uint32_t(pcm.size())) + pcm;
  return "RIFF" + le32(uint32_t(body.size())) + body;
}

infer::JsonPtr parse(const char *text) {
  json_error_t error;
  return infer::json_take(json_loads(text, 0, &error));
}

std::string refusal(const std::function<void()> &call, int expected_status = 400) {
  try {
    call();
  } catch (const ApiError &error) {
    CPPUNIT_ASSERT_EQUAL(expected_status, error.status());
    return error.detail();
  }
  CPPUNIT_FAIL("accepted");
  return "";
}

}  // namespace

class RequestTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RequestTest);
  CPPUNIT_TEST(asrRequestBecomesPcmJob);
  CPPUNIT_TEST(asrRefusalsNameTheField);
  CPPUNIT_TEST(analyzeChoosesTheModel);
  CPPUNIT_TEST(analyzeRefusals);
  CPPUNIT_TEST(mediaFileRequest);
  CPPUNIT_TEST(submitRequest);
  CPPUNIT_TEST(multipartUpload);
  CPPUNIT_TEST_SUITE_END();

 public:
  void asrRequestBecomesPcmJob() {
    AiConfig config;
    std::string pcm(32000, '\x02');
    infer::JsonPtr body = infer::json_take(
        json_pack("{s:s,s:s,s:i,s:s}", "audio_data", encode_base64(wav16k(pcm)).c_str(), "format",
                  "wav", "sample_rate", 16000, "language", "en-US"));
    std::string language;
    InferenceJob job = parse_asr_request(body.get(), config, language);
    CPPUNIT_ASSERT_EQUAL(std::string("asr.pocketsphinx"), job.model);
    CPPUNIT_ASSERT_EQUAL(pcm, job.payload);
    CPPUNIT_ASSERT_EQUAL(uint64_t(1000), job.duration_ms);
    CPPUNIT_ASSERT_EQUAL(json_int_t(16000),
                         json_integer_value(json_object_get(job.header.get(), "sample_rate")));
    CPPUNIT_ASSERT_EQUAL(std::string("en-US"), language);
  }

  void asrRefusalsNameTheField() {
    AiConfig config;
    std::string language;
    std::string good = encode_base64(wav16k(std::string(320, 'x')));
    std::string eight_k = encode_base64(wav16k(std::string(320, 'x'), 8000));
    auto asr = [&](json_t *body) {
      infer::JsonPtr owned = infer::json_take(body);
      return refusal([&] { parse_asr_request(owned.get(), config, language); });
    };
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), asr(json_pack("{}")).find("audio_data:"));
    CPPUNIT_ASSERT_EQUAL(std::string("audio_data: not valid base64"),
                         asr(json_pack("{s:s}", "audio_data", "%%%%")));
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(0),
        asr(json_pack("{s:s}", "audio_data", "aGVsbG8gd29ybGQ=")).find("audio_data: not a WAV"));
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(0),
        asr(json_pack("{s:s}", "audio_data", eight_k.c_str())).find("sample_rate:"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), asr(json_pack("{s:s,s:i}", "audio_data", good.c_str(),
                                                       "sample_rate", 44100))
                                             .find("sample_rate:"));
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(0),
        asr(json_pack("{s:s,s:s}", "audio_data", good.c_str(), "format", "mp3")).find("format:"));
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(0), asr(json_pack("{s:s,s:s}", "audio_data", good.c_str(), "language", "zh-CN"))
                            .find("language:"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         asr(json_pack("{s:i}", "audio_data", 5)).find("audio_data:"));
    infer::JsonPtr array = parse("[1]");
    refusal([&] { parse_asr_request(array.get(), config, language); });
  }

  void analyzeChoosesTheModel() {
    AiConfig config;
    std::string audio = encode_base64(wav16k(std::string(320, 'x')));
    infer::JsonPtr body = infer::json_take(json_pack(
        "{s:s,s:s,s:i}", "type", "quality", "audio_data", audio.c_str(), "meeting_id", 42));
    InferenceJob job = parse_analyze_request(body.get(), config);
    CPPUNIT_ASSERT_EQUAL(std::string("audio.quality"), job.model);
    CPPUNIT_ASSERT_EQUAL(std::string("42"), job.meeting_id);
    body =
        infer::json_take(json_pack("{s:s,s:s}", "type", "quality", "image_data", "iVBORw0KGgo="));
    CPPUNIT_ASSERT_EQUAL(std::string("video.quality"),
                         parse_analyze_request(body.get(), config).model);
    body = infer::json_take(json_pack("{s:s,s:s}", "type", "faces", "image_data", "iVBORw0KGgo="));
    job = parse_analyze_request(body.get(), config);
    CPPUNIT_ASSERT_EQUAL(std::string("vision.faces"), job.model);
    CPPUNIT_ASSERT_EQUAL(std::string("\x89PNG\r\n\x1a\n"), job.payload);
  }

  void analyzeRefusals() {
    AiConfig config;
    auto analyze = [&](json_t *body, int status = 400) {
      infer::JsonPtr owned = infer::json_take(body);
      return refusal([&] { parse_analyze_request(owned.get(), config); }, status);
    };
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         analyze(json_pack("{s:s}", "image_data", "AAAA")).find("type:"));
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(0),
        analyze(json_pack("{s:s,s:s}", "type", "emotion", "image_data", "AAAA")).find("type:"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         analyze(json_pack("{s:s}", "type", "faces")).find("audio_data:"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), analyze(json_pack("{s:s,s:s}", "type", "transcription",
                                                           "image_data", "AAAA"))
                                             .find("audio_data:"));
    CPPUNIT_ASSERT_EQUAL(
        std::size_t(0),
        analyze(json_pack("{s:s,s:s}", "type", "faces", "image_data", "@@@")).find("image_data:"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         analyze(json_pack("{s:s,s:s,s:o}", "type", "faces", "image_data", "AAAA",
                                           "meeting_id", json_true()))
                             .find("meeting_id:"));
  }

  void mediaFileRequest() {
    AiConfig config;
    infer::JsonPtr inline_body = parse("{\"type\":\"faces\",\"image_data\":\"AAAA\"}");
    CPPUNIT_ASSERT(media_file_reference(inline_body.get()) == nullptr);
    infer::JsonPtr both = parse("{\"type\":\"faces\",\"image_data\":\"AAAA\",\"media_file_id\":3}");
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         refusal([&] { media_file_reference(both.get()); }).find("media_file_id:"));
    infer::JsonPtr no_type = parse("{\"media_file_id\":3}");
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         refusal([&] { media_file_reference(no_type.get()); }).find("type:"));
    infer::JsonPtr asr = parse("{\"type\":\"transcription\",\"media_file_id\":3}");
    CPPUNIT_ASSERT(media_file_reference(asr.get()) != nullptr);
    MediaFile wav{3, "audio/wav", "s.wav", wav16k(std::string(320, 'x'))};
    InferenceJob job = parse_media_file_analyze_request(asr.get(), wav, config);
    CPPUNIT_ASSERT_EQUAL(std::string("asr.pocketsphinx"), job.model);
    CPPUNIT_ASSERT_EQUAL(std::size_t(320), job.payload.size());
    MediaFile slow{3, "audio/wav", "s.wav", wav16k(std::string(320, 'x'), 8000)};
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), refusal([&] {
                                           parse_media_file_analyze_request(asr.get(), slow,
                                                                            config);
                                         }).find("sample_rate:"));
    MediaFile ogg{3, "audio/ogg", "s.ogg", "OggS"};
    std::string why = refusal([&] { parse_media_file_analyze_request(asr.get(), ogg, config); });
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), why.find("media_file_id:"));
    CPPUNIT_ASSERT(why.find("audio/ogg") != std::string::npos);
    infer::JsonPtr faces = parse("{\"type\":\"faces\",\"media_file_id\":\"3\"}");
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), refusal([&] {
                                           parse_media_file_analyze_request(faces.get(), wav,
                                                                            config);
                                         }).find("media_file_id:"));
    MediaFile png{3, "image/png", "a.png", "\x89PNG\r\n\x1a\n"};
    CPPUNIT_ASSERT_EQUAL(std::string("vision.faces"),
                         parse_media_file_analyze_request(faces.get(), png, config).model);
  }

  void submitRequest() {
    infer::JsonPtr body =
        infer::json_take(json_pack("{s:s,s:{s:s},s:s}", "model", "vision.faces", "data", "format",
                                   "png", "input", "iVBORw0KGgo="));
    InferenceJob job = parse_submit_request(body.get());
    CPPUNIT_ASSERT_EQUAL(std::string("vision.faces"), job.model);
    CPPUNIT_ASSERT_EQUAL(std::string("png"), infer::json_string_field(job.header.get(), "format"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(8), job.payload.size());
    infer::JsonPtr no_model = parse("{\"data\":{}}");
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         refusal([&] { parse_submit_request(no_model.get()); }).find("model:"));
    infer::JsonPtr bad_data = parse("{\"model\":\"m\",\"data\":[1]}");
    CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                         refusal([&] { parse_submit_request(bad_data.get()); }).find("data:"));
  }

  void multipartUpload() {
    std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nfaces\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
        "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\r\n--XyZ--\r\n";
    infer::JsonPtr json =
        infer::json_take(analyze_body_from_form("multipart/form-data; boundary=XyZ", body));
    CPPUNIT_ASSERT_EQUAL(std::string("faces"), infer::json_string_field(json.get(), "type"));
    CPPUNIT_ASSERT_EQUAL(encode_base64("\x89PNG\r\n\x1a\n"),
                         infer::json_string_field(json.get(), "image_data"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), refusal([] {
                                           analyze_body_from_form("multipart/form-data", "x");
                                         }).find("multipart boundary"));
    refusal([] { analyze_body_from_form("multipart/form-data; boundary=b", "--b\r\nno headers"); });
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestTest);

}  // namespace meetgate::ai
