#include "envelope.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "session_manager.hpp"

using namespace meetgate::core;

class EnvelopeTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(EnvelopeTest);
  CPPUNIT_TEST(success_uses_data);
  CPPUNIT_TEST(error_uses_error);
  CPPUNIT_TEST(null_data_and_no_request_id);
  CPPUNIT_TEST(error_frame_shape);
  CPPUNIT_TEST(error_reply_echoes_transaction_and_id);
  CPPUNIT_TEST(transaction_extraction);
  CPPUNIT_TEST_SUITE_END();

 public:
  void success_uses_data() {
    JsonPtr envelope = make_envelope(201, "created", json_pack("{s:i}", "id", 7), "r-1");
    CPPUNIT_ASSERT_EQUAL(
        std::string(R"({"code":201,"message":"created","data":{"id":7},"request_id":"r-1"})"),
        dump_json(envelope.get()));
  }
  void error_uses_error() {
    JsonPtr envelope =
        make_envelope(400, "bad request", json_string("username is required"), "r-2");
    CPPUNIT_ASSERT_EQUAL(
        400, static_cast<int>(json_integer_value(json_object_get(envelope.get(), "code"))));
    CPPUNIT_ASSERT_EQUAL(std::string("username is required"),
                         std::string(json_string_value(json_object_get(envelope.get(), "error"))));
    CPPUNIT_ASSERT(json_object_get(envelope.get(), "data") == nullptr);
  }
  void null_data_and_no_request_id() {
    JsonPtr envelope = make_envelope(200, nullptr, nullptr, "");
    CPPUNIT_ASSERT_EQUAL(std::string(R"({"code":200,"message":"success","data":null})"),
                         dump_json(envelope.get()));
  }
  void error_frame_shape() {
    const long long before = unix_millis();
    JsonPtr frame = make_error_frame(413, "message too large", "limit 65536");
    json_t *payload = json_object_get(frame.get(), "payload");
    CPPUNIT_ASSERT_EQUAL(std::string("error"),
                         std::string(json_string_value(json_object_get(frame.get(), "type"))));
    CPPUNIT_ASSERT_EQUAL(413,
                         static_cast<int>(json_integer_value(json_object_get(payload, "code"))));
    CPPUNIT_ASSERT_EQUAL(std::string("message too large"),
                         std::string(json_string_value(json_object_get(payload, "message"))));
    CPPUNIT_ASSERT_EQUAL(std::string("limit 65536"),
                         std::string(json_string_value(json_object_get(payload, "details"))));
    CPPUNIT_ASSERT(json_integer_value(json_object_get(frame.get(), "timestamp")) >= before);
  }
  void error_reply_echoes_transaction_and_id() {
    JsonPtr message =
        adopt_json(json_pack("{s:s, s:i, s:s}", "transaction", "t-9", "id", 12, "type", "join"));
    JsonPtr frame = SessionManager::error_reply(message.get(), 403, "not allowed");
    CPPUNIT_ASSERT_EQUAL(
        std::string("t-9"),
        std::string(json_string_value(json_object_get(frame.get(), "transaction"))));
    CPPUNIT_ASSERT_EQUAL(12,
                         static_cast<int>(json_integer_value(json_object_get(frame.get(), "id"))));
    JsonPtr bare = adopt_json(json_pack("{s:s}", "type", "join"));
    JsonPtr bare_frame = SessionManager::error_reply(bare.get(), 400, "x");
    CPPUNIT_ASSERT(json_object_get(bare_frame.get(), "transaction") == nullptr);
    CPPUNIT_ASSERT(json_object_get(bare_frame.get(), "id") == nullptr);
  }
  void transaction_extraction() {
    auto of = [](json_t *message) {
      JsonPtr owned = adopt_json(message);
      return SessionManager::transaction_of(owned.get());
    };
    CPPUNIT_ASSERT_EQUAL(std::string("abc"),
                         of(json_pack("{s:s, s:s}", "transaction", "abc", "id", "zzz")));
    CPPUNIT_ASSERT_EQUAL(std::string("zzz"), of(json_pack("{s:s}", "id", "zzz")));
    CPPUNIT_ASSERT_EQUAL(std::string("42"), of(json_pack("{s:i}", "id", 42)));
    CPPUNIT_ASSERT_EQUAL(std::string("42"),
                         of(json_pack("{s:i, s:i}", "transaction", 5, "id", 42)));
    CPPUNIT_ASSERT_EQUAL(std::string(""), of(json_pack("{s:s}", "type", "ping")));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EnvelopeTest);
