// Message parsing and building, and the error code table.
#include <cppunit/extensions/HelperMacros.h>

#include "message.hpp"

namespace meetgate::infer {

class ProtocolTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ProtocolTest);
  CPPUNIT_TEST(request_round_trip);
  CPPUNIT_TEST(delta_finish_flags);
  CPPUNIT_TEST(error_round_trip);
  CPPUNIT_TEST(rejects_non_objects);
  CPPUNIT_TEST(rejects_mistyped_fields);
  CPPUNIT_TEST(hello_and_heartbeat);
  CPPUNIT_TEST(error_codes_map_to_http);
  CPPUNIT_TEST_SUITE_END();

 public:
  void request_round_trip() {
    JsonPtr data = json_take(json_pack("{s:i, s:b}", "sample_rate", 16000, "end", 1));
    const std::string text =
        build_request("r1", "asr.pocketsphinx.3", kActionInference, "audio.pcm", data.get());
    ParseOutcome parsed = parse_message(text);
    CPPUNIT_ASSERT(parsed.message);
    CPPUNIT_ASSERT_EQUAL(std::string("r1"), parsed.message->request_id);
    CPPUNIT_ASSERT_EQUAL(std::string("asr.pocketsphinx.3"), parsed.message->work_id);
    CPPUNIT_ASSERT_EQUAL(std::string("inference"), parsed.message->action);
    CPPUNIT_ASSERT_EQUAL(std::string("audio.pcm"), parsed.message->object);
    CPPUNIT_ASSERT_EQUAL(16000.0, json_number_field(parsed.message->data(), "sample_rate", 0));
    CPPUNIT_ASSERT(!parsed.message->error_code);
  }

  void delta_finish_flags() {
    JsonPtr delta = json_take(json_pack("{s:s}", "text", "hello"));
    ParseOutcome partial = parse_message(build_delta("r2", "w", "asr", delta.get(), 4, false));
    CPPUNIT_ASSERT(partial.message);
    CPPUNIT_ASSERT(!partial.message->is_final_reply());
    CPPUNIT_ASSERT_EQUAL(4.0, json_number_field(partial.message->data(), "index", -1));
    CPPUNIT_ASSERT_EQUAL(
        std::string("hello"),
        json_string_field(json_object_get(partial.message->data(), "delta"), "text"));
    ParseOutcome last = parse_message(build_delta("r2", "w", "asr", delta.get(), 5, true));
    CPPUNIT_ASSERT(last.message->is_final_reply());
    JsonPtr status = json_take(json_pack("{s:s}", "status", "ready"));
    ParseOutcome plain = parse_message(build_reply("r3", "w", "asr", status.get()));
    CPPUNIT_ASSERT(plain.message->is_final_reply());  // not a delta: ends its request
  }

  void error_round_trip() {
    ParseOutcome parsed =
        parse_message(build_error("r4", "w1", ErrorCode::kBadInput, "sample_rate must be 16000"));
    CPPUNIT_ASSERT(parsed.message);
    CPPUNIT_ASSERT(parsed.message->error_code == ErrorCode::kBadInput);
    CPPUNIT_ASSERT_EQUAL(std::string("sample_rate must be 16000"), parsed.message->error_message);
    CPPUNIT_ASSERT(parsed.message->is_final_reply());
  }

  void rejects_non_objects() {
    CPPUNIT_ASSERT(parse_message("{oops").error == ErrorCode::kMalformedJson);
    CPPUNIT_ASSERT(!parse_message("[1]").message);
    CPPUNIT_ASSERT(parse_message("[1]").error == ErrorCode::kMalformedJson);
    CPPUNIT_ASSERT(parse_message("").error == ErrorCode::kMalformedJson);
    CPPUNIT_ASSERT(parse_message(R"({"a":1,"a":2})").error == ErrorCode::kMalformedJson);
  }

  void rejects_mistyped_fields() {
    ParseOutcome parsed = parse_message(R"({"request_id":"r9","action":7})");
    CPPUNIT_ASSERT(!parsed.message);
    CPPUNIT_ASSERT(parsed.error == ErrorCode::kInvalidMessage);
    CPPUNIT_ASSERT_EQUAL(std::string("r9"), parsed.request_id);  // still echoed
    CPPUNIT_ASSERT(parse_message(R"({"error":{"code":"x","message":"m"}})").error ==
                   ErrorCode::kInvalidMessage);
    CPPUNIT_ASSERT(parse_message(R"({"error":"boom"})").error == ErrorCode::kInvalidMessage);
  }

  void hello_and_heartbeat() {
    JsonPtr models = json_take(json_pack("[{s:s}]", "name", "vision.faces"));
    ParseOutcome hello = parse_message(build_hello("unit-1", models.get(), 3));
    CPPUNIT_ASSERT_EQUAL(std::string("hello"), hello.message->action);
    CPPUNIT_ASSERT_EQUAL(std::string("unit-1"),
                         json_string_field(hello.message->root.get(), "unit_id"));
    CPPUNIT_ASSERT_EQUAL(3.0, json_number_field(hello.message->root.get(), "capacity", 0));
    CPPUNIT_ASSERT_EQUAL(size_t{1},
                         json_array_size(json_object_get(hello.message->root.get(), "models")));
    ParseOutcome beat = parse_message(build_heartbeat("unit-1", nullptr));
    CPPUNIT_ASSERT_EQUAL(std::string("heartbeat"), beat.message->action);
    CPPUNIT_ASSERT_EQUAL(std::string("bye"), parse_message(build_bye("unit-1")).message->action);
  }

  void error_codes_map_to_http() {
    CPPUNIT_ASSERT_EQUAL(503, http_status_for(ErrorCode::kNoUnit));
    CPPUNIT_ASSERT_EQUAL(429, http_status_for(ErrorCode::kQueueFull));
    CPPUNIT_ASSERT_EQUAL(400, http_status_for(ErrorCode::kBadInput));
    CPPUNIT_ASSERT_EQUAL(504, http_status_for(ErrorCode::kTimeout));
    CPPUNIT_ASSERT_EQUAL(std::string("unit_lost"), std::string(error_name(ErrorCode::kUnitLost)));
    CPPUNIT_ASSERT(error_code_from_int(-7) == ErrorCode::kBadInput);
    CPPUNIT_ASSERT(error_code_from_int(12345) == ErrorCode::kInternal);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ProtocolTest);

}  // namespace meetgate::infer
