#include "connect_request.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <vector>

using namespace meetgate::videoroom;

namespace {
struct FakeUpgrade {
  std::vector<mg_header> headers;
  mg_http_request request{};
  FakeUpgrade(const char *query, std::vector<mg_header> h) : headers(std::move(h)) {
    request.method = "GET";
    request.path = "/ws/signaling";
    request.query = query;
    request.headers = headers.data();
    request.header_count = headers.size();
  }
};
}  // namespace

class ConnectRequestTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ConnectRequestTest);
  CPPUNIT_TEST(readsTheQuery);
  CPPUNIT_TEST(tokenSourcesInOrder);
  CPPUNIT_TEST(refusesMissingOrMalformed);
  CPPUNIT_TEST_SUITE_END();

 public:
  void readsTheQuery() {
    FakeUpgrade up("user_id=2&meeting_id=mtg-a%2Db&peer_id=p%2D1&token=t.k.n", {});
    ConnectRequest request;
    CPPUNIT_ASSERT(!parse_connect_request(up.request, request));
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, request.user_id);
    CPPUNIT_ASSERT_EQUAL(std::string("mtg-a-b"), request.meeting_id);
    CPPUNIT_ASSERT_EQUAL(std::string("t.k.n"), request.token);
    CPPUNIT_ASSERT(!query_value("a=1", "b"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), *query_value("a&b=2", "a"));
  }

  void tokenSourcesInOrder() {
    FakeUpgrade bearer("",
                       {{"authorization", "Bearer abc"}, {"Cookie", "x=1; access_token=cookie"}});
    CPPUNIT_ASSERT_EQUAL(std::string("abc"), token_of(bearer.request));
    FakeUpgrade cookie("", {{"Cookie", "x=1; access_token=cookie"}});
    CPPUNIT_ASSERT_EQUAL(std::string("cookie"), token_of(cookie.request));
    FakeUpgrade query("access_token=q", {{"Authorization", "Bearer abc"}});
    CPPUNIT_ASSERT_EQUAL(std::string("q"), token_of(query.request));
    FakeUpgrade none("", {{"Authorization", "Basic xyz"}});
    CPPUNIT_ASSERT_EQUAL(std::string(""), token_of(none.request));
  }

  void refusesMissingOrMalformed() {
    ConnectRequest request;
    FakeUpgrade missing("user_id=2&meeting_id=m&token=x", {});
    auto refusal = parse_connect_request(missing.request, request);
    CPPUNIT_ASSERT(refusal && refusal->status == 400);
    FakeUpgrade bad_user("user_id=two&meeting_id=m&peer_id=p&token=x", {});
    refusal = parse_connect_request(bad_user.request, request);
    CPPUNIT_ASSERT(refusal && refusal->status == 400);
    FakeUpgrade spaces("user_id=2&meeting_id=a%20b&peer_id=p&token=x", {});
    refusal = parse_connect_request(spaces.request, request);
    CPPUNIT_ASSERT(refusal && refusal->status == 400);
    FakeUpgrade no_token("user_id=2&meeting_id=m&peer_id=p", {});
    refusal = parse_connect_request(no_token.request, request);
    CPPUNIT_ASSERT(refusal && refusal->status == 401);
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(ConnectRequestTest);
