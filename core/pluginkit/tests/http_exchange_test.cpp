// HttpExchange: the copy outlives the borrowed request; it answers exactly
// once, through respond_json or (with headers) the same envelope via
// respond_raw; a dropped exchange answers 500.
#include <cppunit/extensions/HelperMacros.h>

#include <meetgate/pluginkit/http_exchange.hpp>
#include <memory>

#include "recording_core.hpp"

using meetgate::pluginkit::HttpExchange;
using meetgate::pluginkit::JsonPtr;
using meetgate::pluginkit::test::RecordingCore;
using meetgate::pluginkit::test::RequestSpec;

namespace {

std::unique_ptr<HttpExchange> exchange_of(RecordingCore &core, const RequestSpec &spec) {
  std::unique_ptr<HttpExchange> out;
  spec.with_request([&](const mg_http_request &request) {
    out = std::make_unique<HttpExchange>(core.table(), &request, core.responder());
  });
  return out;  // the request and its strings are gone now
}

}  // namespace

class HttpExchangeTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HttpExchangeTest);
  CPPUNIT_TEST(copiesTheBorrowedRequest);
  CPPUNIT_TEST(findsCookiesInAnyCookieHeader);
  CPPUNIT_TEST(answersThroughRespondJson);
  CPPUNIT_TEST(answersWithHeadersInTheSameEnvelope);
  CPPUNIT_TEST(answersAFileWithItsHeaders);
  CPPUNIT_TEST(answersAPartOfAFile);
  CPPUNIT_TEST(answersOnlyOnce);
  CPPUNIT_TEST(aDroppedExchangeAnswers500);
  CPPUNIT_TEST_SUITE_END();

 public:
  void copiesTheBorrowedRequest() {
    RecordingCore core;
    RequestSpec spec;
    spec.method = "POST";
    spec.query = "page=2&keyword=a+b";
    spec.body = "{\"x\":1}";
    spec.headers = {{"Content-Type", "application/json"}, {"X-Thing", "first"}, {"x-thing", "2"}};
    auto exchange = exchange_of(core, spec);
    CPPUNIT_ASSERT_EQUAL(std::string("POST"), exchange->method());
    CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/things"), exchange->path());
    CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), exchange->remote_addr());
    CPPUNIT_ASSERT_EQUAL(std::string("req-1"), exchange->request_id());
    CPPUNIT_ASSERT(exchange->body() == "{\"x\":1}");
    CPPUNIT_ASSERT_EQUAL(std::string("a b"), exchange->query().get("keyword").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("first"), exchange->header("x-THING").value_or(""));
    CPPUNIT_ASSERT(!exchange->header("X-Missing"));
    exchange->reply(200, "success", nullptr);
  }

  void findsCookiesInAnyCookieHeader() {
    RecordingCore core;
    RequestSpec spec;
    spec.headers = {{"Cookie", "theme=dark;  session = \"abc\" "},
                    {"cookie", "access_token=tok.en; csrf_token=c1"}};
    auto exchange = exchange_of(core, spec);
    CPPUNIT_ASSERT_EQUAL(std::string("abc"), exchange->cookie("session").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("tok.en"), exchange->cookie("access_token").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("c1"), exchange->cookie("csrf_token").value_or(""));
    CPPUNIT_ASSERT(!exchange->cookie("them"));
    exchange->reply(204, "ok", nullptr);
  }

  void answersThroughRespondJson() {
    RecordingCore core;
    auto exchange = exchange_of(core, RequestSpec{});
    exchange->reply(201, "created", json_pack("{s:i}", "id", 7));
    CPPUNIT_ASSERT(exchange->answered());
    CPPUNIT_ASSERT_EQUAL(1, core.answer().calls);
    CPPUNIT_ASSERT(!core.answer().raw);
    CPPUNIT_ASSERT_EQUAL(201, core.answer().status);
    CPPUNIT_ASSERT_EQUAL(std::string("created"), core.answer().message);
    CPPUNIT_ASSERT_EQUAL(json_int_t{7},
                         json_integer_value(json_object_get(core.answer().data.get(), "id")));
  }

  void answersWithHeadersInTheSameEnvelope() {
    RecordingCore core;
    auto exchange = exchange_of(core, RequestSpec{});
    exchange->add_header("Retry-After", "3");
    exchange->add_header("Set-Cookie", "a=b");
    exchange->reply(429, "too many requests", json_string("slow down"));
    CPPUNIT_ASSERT(core.answer().raw);
    CPPUNIT_ASSERT_EQUAL(429, core.answer().status);
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"), core.answer().content_type);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, core.answer().headers.size());
    CPPUNIT_ASSERT_EQUAL(std::string("Retry-After"), core.answer().headers[0].first);
    CPPUNIT_ASSERT_EQUAL(std::string("3"), core.answer().headers[0].second);
    JsonPtr envelope(json_loads(core.answer().body.c_str(), 0, nullptr));
    CPPUNIT_ASSERT(envelope);
    CPPUNIT_ASSERT_EQUAL(json_int_t{429},
                         json_integer_value(json_object_get(envelope.get(), "code")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("too many requests"),
        std::string(json_string_value(json_object_get(envelope.get(), "message"))));
    CPPUNIT_ASSERT_EQUAL(std::string("slow down"),
                         std::string(json_string_value(json_object_get(envelope.get(), "error"))));
    CPPUNIT_ASSERT(!json_object_get(envelope.get(), "data"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("req-1"),
        std::string(json_string_value(json_object_get(envelope.get(), "request_id"))));
  }

  void answersAFileWithItsHeaders() {
    RecordingCore core;
    auto exchange = exchange_of(core, RequestSpec{});
    exchange->add_header("Cache-Control", "no-store");
    exchange->reply_file("/tmp/some.png", "image/png", 42);
    CPPUNIT_ASSERT(core.answer().raw);
    CPPUNIT_ASSERT_EQUAL(200, core.answer().status);
    CPPUNIT_ASSERT_EQUAL(std::string("/tmp/some.png"), core.answer().file_path);
    CPPUNIT_ASSERT_EQUAL(std::string("image/png"), core.answer().content_type);
    CPPUNIT_ASSERT_EQUAL(uint64_t{0}, core.answer().file_offset);
    CPPUNIT_ASSERT_EQUAL(uint64_t{42}, core.answer().file_length);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, core.answer().headers.size());
  }

  void answersAPartOfAFile() {
    RecordingCore core;
    auto exchange = exchange_of(core, RequestSpec{});
    exchange->add_header("Content-Range", "bytes 10-19/100");
    exchange->reply_file("/tmp/some.webm", "video/webm", 10, 10, 206);
    CPPUNIT_ASSERT(core.answer().raw);
    CPPUNIT_ASSERT_EQUAL(206, core.answer().status);
    CPPUNIT_ASSERT_EQUAL(std::string("/tmp/some.webm"), core.answer().file_path);
    CPPUNIT_ASSERT_EQUAL(uint64_t{10}, core.answer().file_offset);
    CPPUNIT_ASSERT_EQUAL(uint64_t{10}, core.answer().file_length);
    CPPUNIT_ASSERT_EQUAL(std::string("Content-Range"), core.answer().headers.at(0).first);
  }

  void answersOnlyOnce() {
    RecordingCore core;
    auto exchange = exchange_of(core, RequestSpec{});
    exchange->reply(200, "first", nullptr);
    exchange->reply(500, "second", json_string("dropped, and freed"));
    exchange->reply_file("/tmp/x", "text/plain", 1);
    CPPUNIT_ASSERT_EQUAL(1, core.answer().calls);
    CPPUNIT_ASSERT_EQUAL(std::string("first"), core.answer().message);
  }

  void aDroppedExchangeAnswers500() {
    RecordingCore core;
    exchange_of(core, RequestSpec{}).reset();
    CPPUNIT_ASSERT_EQUAL(1, core.answer().calls);
    CPPUNIT_ASSERT_EQUAL(500, core.answer().status);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpExchangeTest);
