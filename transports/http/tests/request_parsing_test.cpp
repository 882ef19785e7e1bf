// Request ids, request targets, client addresses, headers and the envelope.
#include <cppunit/extensions/HelperMacros.h>
#include <jansson.h>

#include <set>

#include "request_target.hpp"
#include "support/client_address.hpp"
#include "support/envelope.hpp"
#include "support/percent_encoding.hpp"
#include "support/request_headers.hpp"
#include "support/request_id.hpp"

using namespace meetgate::transport;

class RequestParsingTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RequestParsingTest);
  CPPUNIT_TEST(clientRequestIdIsEchoedWhenSafe);
  CPPUNIT_TEST(unsafeRequestIdIsReplaced);
  CPPUNIT_TEST(generatedIdsAreUuidShapedAndDistinct);
  CPPUNIT_TEST(targetSplitsQuery);
  CPPUNIT_TEST(malformedTargetsAreRejected);
  CPPUNIT_TEST(forwardedForTakesRightmostValidEntry);
  CPPUNIT_TEST(headersAreFoundIgnoringCase);
  CPPUNIT_TEST(queryPiecesAreEncodedAgain);
  CPPUNIT_TEST(errorEnvelopeHasSeedShape);
  CPPUNIT_TEST_SUITE_END();

 public:
  void clientRequestIdIsEchoedWhenSafe() {
    CPPUNIT_ASSERT_EQUAL(std::string("abc-123_x.y:z"), request_id_for("abc-123_x.y:z"));
    std::string longest(kMaxRequestIdLength, 'a');
    CPPUNIT_ASSERT_EQUAL(longest, request_id_for(longest));
  }

  void unsafeRequestIdIsReplaced() {
    for (std::string bad : {std::string(""), std::string("a b"), std::string("x\r\nSet-Cookie: y"),
                            std::string("\"quoted\""), std::string(kMaxRequestIdLength + 1, 'a')}) {
      std::string id = request_id_for(bad);
      CPPUNIT_ASSERT(id != bad);
      CPPUNIT_ASSERT_EQUAL(size_t(36), id.size());
    }
  }

  void generatedIdsAreUuidShapedAndDistinct() {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
      std::string id = generate_request_id();
      CPPUNIT_ASSERT_EQUAL(size_t(36), id.size());
      CPPUNIT_ASSERT(id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-');
      CPPUNIT_ASSERT_EQUAL('4', id[14]);
      CPPUNIT_ASSERT(std::string("89ab").find(id[19]) != std::string::npos);
      CPPUNIT_ASSERT(is_acceptable_request_id(id));
      seen.insert(id);
    }
    CPPUNIT_ASSERT_EQUAL(size_t(1000), seen.size());
  }

  void targetSplitsQuery() {
    RequestTarget target =
        inspect_request_target("/api/v1/users?page=2&q=a%20b#frag", "/api/v1/users");
    CPPUNIT_ASSERT_EQUAL(std::string(), target.error);
    CPPUNIT_ASSERT_EQUAL(std::string("page=2&q=a%20b"), target.query);
    CPPUNIT_ASSERT_EQUAL(std::string(), inspect_request_target("/health", "/health").query);
  }

  void malformedTargetsAreRejected() {
    CPPUNIT_ASSERT(!inspect_request_target("*", "*").error.empty());
    CPPUNIT_ASSERT(!inspect_request_target("http://x/a", "http://x/a").error.empty());
    CPPUNIT_ASSERT(!inspect_request_target("/a%zzb", "/a%zzb").error.empty());
    CPPUNIT_ASSERT(!inspect_request_target("/a%2", "/a%2").error.empty());
    CPPUNIT_ASSERT(!inspect_request_target("/a?x=%G1", "/a").error.empty());
    CPPUNIT_ASSERT(!inspect_request_target("/a%00b", "/a").error.empty());
    CPPUNIT_ASSERT(!inspect_request_target("/a%0d%0aX", "/a\r\nX").error.empty());
    CPPUNIT_ASSERT(inspect_request_target("/a%20b", "/a b").error.empty());
    CPPUNIT_ASSERT(!has_valid_percent_escapes("%"));
    CPPUNIT_ASSERT(has_valid_percent_escapes("%41%4a"));
  }

  void forwardedForTakesRightmostValidEntry() {
    CPPUNIT_ASSERT_EQUAL(std::string("198.51.100.2"),
                         forwarded_client("203.0.113.9, 198.51.100.2"));
    CPPUNIT_ASSERT_EQUAL(std::string("2001:db8::1"), forwarded_client(" 2001:db8::1 "));
    CPPUNIT_ASSERT_EQUAL(std::string(), forwarded_client("1.2.3.4, not-an-ip"));
    CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.1"),
                         resolve_client_address("10.0.0.1", "198.51.100.2", false));
    CPPUNIT_ASSERT_EQUAL(std::string("198.51.100.2"),
                         resolve_client_address("10.0.0.1", "198.51.100.2", true));
    CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.1"),
                         resolve_client_address("10.0.0.1", "garbage", true));
  }

  void headersAreFoundIgnoringCase() {
    RequestHeaders headers;
    headers.add("Content-Type", "application/json");
    headers.add("x-request-id", "abc");
    CPPUNIT_ASSERT_EQUAL(std::string("abc"), std::string(headers.find("X-Request-ID")));
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"),
                         std::string(headers.find("content-type")));
    CPPUNIT_ASSERT(headers.find("Authorization").empty());
    auto view = headers.abi_view();
    CPPUNIT_ASSERT_EQUAL(size_t(2), view.size());
    CPPUNIT_ASSERT_EQUAL(std::string("x-request-id"), std::string(view[1].name));
  }

  void queryPiecesAreEncodedAgain() {
    std::string pieces[] = {"token=a.b-c_d", "q=x&y=z", "flag"};
    CPPUNIT_ASSERT_EQUAL(std::string("token=a.b-c_d&q=x%26y%3Dz&flag"),
                         encode_query_pieces(pieces, 3));
  }

  void errorEnvelopeHasSeedShape() {
    std::string text = error_envelope_text(413, "request body too large", "limit 10", "rid-1");
    json_error_t error;
    json_t *parsed = json_loads(text.c_str(), 0, &error);
    CPPUNIT_ASSERT(parsed != nullptr);
    CPPUNIT_ASSERT_EQUAL(json_int_t(413), json_integer_value(json_object_get(parsed, "code")));
    CPPUNIT_ASSERT_EQUAL(std::string("request body too large"),
                         std::string(json_string_value(json_object_get(parsed, "message"))));
    CPPUNIT_ASSERT_EQUAL(std::string("limit 10"),
                         std::string(json_string_value(json_object_get(parsed, "error"))));
    CPPUNIT_ASSERT_EQUAL(std::string("rid-1"),
                         std::string(json_string_value(json_object_get(parsed, "request_id"))));
    CPPUNIT_ASSERT(json_object_get(parsed, "data") == nullptr);
    json_decref(parsed);
    // Invalid UTF-8 from a client must not lose the message.
    std::string odd = error_envelope_text(404, "not found", std::string("/\xff\xfe"), "");
    CPPUNIT_ASSERT(odd.find("\"error\":\"(text is not valid UTF-8)\"") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestParsingTest);
