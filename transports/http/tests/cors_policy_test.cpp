#include "cors_policy.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

using meetgate::transport::CorsPolicy;
using meetgate::transport::HeaderList;

namespace {

std::string header(const HeaderList &headers, const std::string &name) {
  auto found = std::find_if(headers.begin(), headers.end(),
                            [&](const auto &entry) { return entry.first == name; });
  return found == headers.end() ? std::string("<absent>") : found->second;
}

CorsPolicy listed() {
  return CorsPolicy({"https://meet.example.com", "http://localhost:3000"}, {"GET", "POST"},
                    {"Authorization", "Content-Type"}, 300);
}

}  // namespace

class CorsPolicyTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(CorsPolicyTest);
  CPPUNIT_TEST(noOriginGetsNoCorsHeaders);
  CPPUNIT_TEST(wildcardAllowsAnyOriginWithoutCredentials);
  CPPUNIT_TEST(listedOriginIsEchoedWithCredentials);
  CPPUNIT_TEST(unlistedOriginGetsOnlyVary);
  CPPUNIT_TEST(preflightOfListedOrigin);
  CPPUNIT_TEST(preflightOfUnlistedOriginIsForbidden);
  CPPUNIT_TEST(plainOptionsAnswersAllow);
  CPPUNIT_TEST_SUITE_END();

 public:
  void noOriginGetsNoCorsHeaders() {
    CPPUNIT_ASSERT(listed().response_headers("").empty());
    CPPUNIT_ASSERT(CorsPolicy({"*"}, {}, {}, 0).response_headers("").empty());
  }

  void wildcardAllowsAnyOriginWithoutCredentials() {
    CorsPolicy any({"*"}, {"GET"}, {"Authorization"}, 60);
    HeaderList headers = any.response_headers("https://evil.example");
    CPPUNIT_ASSERT_EQUAL(std::string("*"), header(headers, "Access-Control-Allow-Origin"));
    CPPUNIT_ASSERT_EQUAL(std::string("<absent>"),
                         header(headers, "Access-Control-Allow-Credentials"));
    CPPUNIT_ASSERT(header(headers, "Access-Control-Expose-Headers").find("X-Request-ID") !=
                   std::string::npos);
  }

  void listedOriginIsEchoedWithCredentials() {
    HeaderList headers = listed().response_headers("http://localhost:3000");
    CPPUNIT_ASSERT_EQUAL(std::string("http://localhost:3000"),
                         header(headers, "Access-Control-Allow-Origin"));
    CPPUNIT_ASSERT_EQUAL(std::string("true"), header(headers, "Access-Control-Allow-Credentials"));
    CPPUNIT_ASSERT_EQUAL(std::string("Origin"), header(headers, "Vary"));
  }

  void unlistedOriginGetsOnlyVary() {
    // Origins are compared exactly: scheme, host and port.
    for (const char *origin : {"https://evil.example", "http://meet.example.com",
                               "https://meet.example.com:8443", "null"}) {
      HeaderList headers = listed().response_headers(origin);
      CPPUNIT_ASSERT_EQUAL(std::string("<absent>"), header(headers, "Access-Control-Allow-Origin"));
      CPPUNIT_ASSERT_EQUAL(std::string("Origin"), header(headers, "Vary"));
      CPPUNIT_ASSERT(!listed().origin_allowed(origin));
    }
  }

  void preflightOfListedOrigin() {
    auto answer = listed().preflight("https://meet.example.com", "POST");
    CPPUNIT_ASSERT_EQUAL(204, answer.status);
    CPPUNIT_ASSERT_EQUAL(std::string("GET, POST"),
                         header(answer.headers, "Access-Control-Allow-Methods"));
    CPPUNIT_ASSERT_EQUAL(std::string("Authorization, Content-Type"),
                         header(answer.headers, "Access-Control-Allow-Headers"));
    CPPUNIT_ASSERT_EQUAL(std::string("300"), header(answer.headers, "Access-Control-Max-Age"));
  }

  void preflightOfUnlistedOriginIsForbidden() {
    auto answer = listed().preflight("https://evil.example", "DELETE");
    CPPUNIT_ASSERT_EQUAL(403, answer.status);
    CPPUNIT_ASSERT_EQUAL(std::string("<absent>"),
                         header(answer.headers, "Access-Control-Allow-Methods"));
  }

  void plainOptionsAnswersAllow() {
    auto answer = listed().preflight("", "");
    CPPUNIT_ASSERT_EQUAL(204, answer.status);
    CPPUNIT_ASSERT_EQUAL(std::string("GET, POST"), header(answer.headers, "Allow"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CorsPolicyTest);
