#include "signal_message.hpp"

#include <cppunit/extensions/HelperMacros.h>

using namespace meetgate::videoroom;

namespace {
JsonRef parse(const char *text) {
  json_error_t error;
  return adopt(json_loads(text, 0, &error));
}
std::optional<ProtocolError> check(const char *text, IncomingMessage &out) {
  JsonRef message = parse(text);
  return parse_incoming(message.get(), MessageLimits{}, out);
}
}  // namespace

class SignalMessageTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SignalMessageTest);
  CPPUNIT_TEST(acceptsARelayedOffer);
  CPPUNIT_TEST(addresseeForms);
  CPPUNIT_TEST(refusesBadMessages);
  CPPUNIT_TEST(validatesChat);
  CPPUNIT_TEST(candidatesInEveryShape);
  CPPUNIT_TEST(foldsTopLevelSdp);
  CPPUNIT_TEST(buildsOutgoingMessages);
  CPPUNIT_TEST_SUITE_END();

 public:
  void acceptsARelayedOffer() {
    IncomingMessage in;
    auto error = check(R"({"id":"m1","type":"offer","to_user_id":7,"from_user_id":99,
                          "payload":{"type":"offer","sdp":"v=0"}})",
                       in);
    CPPUNIT_ASSERT(!error);
    CPPUNIT_ASSERT(in.type == MessageType::kOffer);
    CPPUNIT_ASSERT(in.form == TypeForm::kName);
    CPPUNIT_ASSERT(in.addressee == Addressee::kUser);
    CPPUNIT_ASSERT_EQUAL(int64_t{7}, in.to_user_id);
    CPPUNIT_ASSERT_EQUAL(std::string("m1"), text_of(in.id.get(), ""));
  }

  void addresseeForms() {
    IncomingMessage a, b, c, d;
    CPPUNIT_ASSERT(!check(R"({"type":1,"to_user_id":"12","payload":{"sdp":"x"}})", a));
    CPPUNIT_ASSERT(a.addressee == Addressee::kUser && a.to_user_id == 12);
    CPPUNIT_ASSERT(a.form == TypeForm::kInteger);
    CPPUNIT_ASSERT(!check(R"({"type":"offer","to_user_id":"server","payload":{"sdp":"x"}})", b));
    CPPUNIT_ASSERT(b.addressee == Addressee::kServer);
    CPPUNIT_ASSERT(!check(R"({"type":"offer","to_user_id":0,"payload":{"sdp":"x"}})", c));
    CPPUNIT_ASSERT(c.addressee == Addressee::kServer);
    CPPUNIT_ASSERT(!check(R"({"type":"offer","payload":{"sdp":"x"}})", d));
    CPPUNIT_ASSERT(d.addressee == Addressee::kNone);
    IncomingMessage e;
    auto error = check(R"({"type":"offer","to_user_id":"bob","payload":{"sdp":"x"}})", e);
    CPPUNIT_ASSERT(error && error->code == 400);
    IncomingMessage f;
    CPPUNIT_ASSERT(check(R"({"type":"offer","to_user_id":-3,"payload":{"sdp":"x"}})", f));
  }

  void refusesBadMessages() {
    IncomingMessage a;
    auto error = check(R"({"type":"dance","id":5})", a);
    CPPUNIT_ASSERT(error && error->message == "unknown message type");
    CPPUNIT_ASSERT_EQUAL(json_int_t{5}, json_integer_value(a.id.get()));
    IncomingMessage b;
    error = check(R"({"type":99})", b);
    CPPUNIT_ASSERT(error && b.form == TypeForm::kInteger);
    IncomingMessage c;
    CPPUNIT_ASSERT(check(R"({"payload":{}})", c));
    IncomingMessage d;
    error = check(R"({"type":"room-info"})", d);
    CPPUNIT_ASSERT(error && error->message == "unexpected message type");
    for (const char *server_notice : {R"({"type":"recording"})", R"({"type":19})"}) {
      IncomingMessage notice;
      error = check(server_notice, notice);
      CPPUNIT_ASSERT(error && error->message == "unexpected message type");
    }
    IncomingMessage e;
    CPPUNIT_ASSERT(check(R"({"type":"offer","to_user_id":2,"payload":{"sdp":""}})", e));
    IncomingMessage f;
    CPPUNIT_ASSERT(check(R"({"type":"media-control","payload":[1]})", f));
    IncomingMessage g;
    CPPUNIT_ASSERT(check(R"({"type":"subscribe","payload":{"user_ids":["x"]}})", g));
    IncomingMessage h;
    CPPUNIT_ASSERT(!check(R"({"type":"subscribe","payload":{"user_ids":[3,4]}})", h));
  }

  void validatesChat() {
    IncomingMessage a, b, c, d;
    CPPUNIT_ASSERT(!check(R"({"type":"chat","payload":{"content":"hi"}})", a));
    CPPUNIT_ASSERT_EQUAL(std::string("hi"), chat_content(a.payload.get()));
    CPPUNIT_ASSERT(!check(R"({"type":8,"payload":{"message":"yo"}})", b));
    CPPUNIT_ASSERT_EQUAL(std::string("yo"), chat_content(b.payload.get()));
    CPPUNIT_ASSERT(check(R"({"type":"chat","payload":{"content":""}})", c));
    const std::string big =
        R"({"type":"chat","payload":{"content":")" + std::string(5000, 'x') + R"("}})";
    auto error = check(big.c_str(), d);
    CPPUNIT_ASSERT(error && error->code == 400);
  }

  void candidatesInEveryShape() {
    JsonRef flat = parse(R"({"candidate":"candidate:1 1 udp 1 1.2.3.4 5 typ host","sdpMid":"0",
                            "sdpMLineIndex":0,"pc":"subscriber"})");
    JsonRef media = adopt(media_candidate(flat.get()));
    CPPUNIT_ASSERT(media);
    CPPUNIT_ASSERT_EQUAL(std::string("0"), text_of(json_object_get(media.get(), "sdpMid"), ""));
    CPPUNIT_ASSERT(json_object_get(media.get(), "pc") == nullptr);
    JsonRef nested = parse(R"({"candidate":{"candidate":"candidate:2","sdpMid":"1"}})");
    media = adopt(media_candidate(nested.get()));
    CPPUNIT_ASSERT_EQUAL(std::string("candidate:2"),
                         text_of(json_object_get(media.get(), "candidate"), ""));
    JsonRef done = parse(R"({"candidate":""})");
    media = adopt(media_candidate(done.get()));
    CPPUNIT_ASSERT(json_is_true(json_object_get(media.get(), "completed")));
    JsonRef broken = parse(R"({"candidate":5})");
    CPPUNIT_ASSERT(!adopt(media_candidate(broken.get())));
  }

  void foldsTopLevelSdp() {
    IncomingMessage in;
    CPPUNIT_ASSERT(!check(R"({"type":"offer","target":"4","sdp":"v=0"})", in));
    CPPUNIT_ASSERT_EQUAL(int64_t{4}, in.to_user_id);
    JsonRef jsep = adopt(media_description(in.payload.get(), "offer"));
    CPPUNIT_ASSERT_EQUAL(std::string("v=0"), text_of(json_object_get(jsep.get(), "sdp"), ""));
  }

  void buildsOutgoingMessages() {
    OutgoingHeader header;
    header.from_user_id = 3;
    header.to_user_id = 4;
    header.meeting_id = "mtg-1";
    header.session_id = "sess-9";
    JsonRef message = adopt(build_message(MessageType::kChat, TypeForm::kInteger, header,
                                          json_pack("{s:s}", "content", "x")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{8}, json_integer_value(json_object_get(message.get(), "type")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{3},
                         json_integer_value(json_object_get(message.get(), "from_user_id")));
    CPPUNIT_ASSERT(json_is_string(json_object_get(message.get(), "id")));
    CPPUNIT_ASSERT(json_integer_value(json_object_get(message.get(), "timestamp")) > 0);
    JsonRef error = adopt(build_error(TypeForm::kName, {404, "user not in the room", "d"}, header));
    const json_t *payload = json_object_get(error.get(), "payload");
    CPPUNIT_ASSERT_EQUAL(std::string("error"), text_of(json_object_get(error.get(), "type"), ""));
    CPPUNIT_ASSERT_EQUAL(json_int_t{404}, json_integer_value(json_object_get(payload, "code")));
    CPPUNIT_ASSERT_EQUAL(std::string("d"), text_of(json_object_get(payload, "details"), ""));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(SignalMessageTest);
