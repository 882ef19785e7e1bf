// RequestToken and CsrfGuard: where the access token is, and when a
// cookie-borne token also needs the X-CSRF-Token double submit.
#include <cppunit/extensions/HelperMacros.h>
#include <sodium.h>

#include <meetgate/pluginkit/csrf_guard.hpp>
#include <meetgate/pluginkit/request_token.hpp>
#include <memory>

#include "recording_core.hpp"

using meetgate::pluginkit::CsrfGuard;
using meetgate::pluginkit::HttpExchange;
using meetgate::pluginkit::RequestToken;
using meetgate::pluginkit::test::RecordingCore;
using meetgate::pluginkit::test::RequestSpec;
using Source = RequestToken::Source;

namespace {

// The token found in a request with these headers and method; `csrf` gets
// whether it passes the double-submit check.
RequestToken token_of(const std::string &method,
                      std::vector<std::pair<std::string, std::string>> headers,
                      bool *csrf = nullptr) {
  RecordingCore core;
  RequestSpec spec;
  spec.method = method;
  spec.headers = std::move(headers);
  RequestToken out;
  spec.with_request([&](const mg_http_request &request) {
    HttpExchange exchange(core.table(), &request, core.responder());
    out = RequestToken::of(exchange);
    if (csrf) *csrf = out.passes_csrf(exchange);
    exchange.reply(200, "ok", nullptr);
  });
  return out;
}

}  // namespace

class RequestTokenTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RequestTokenTest);
  CPPUNIT_TEST(parsesBearerHeaders);
  CPPUNIT_TEST(prefersTheHeaderOverTheCookie);
  CPPUNIT_TEST(fallsBackToTheCookie);
  CPPUNIT_TEST(unsafeCookieRequestsNeedTheCsrfHeader);
  CPPUNIT_TEST(csrfTokensAreRandomHex);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override { CPPUNIT_ASSERT(sodium_init() >= 0); }

  void parsesBearerHeaders() {
    CPPUNIT_ASSERT_EQUAL(std::string("abc.def"), RequestToken::bearer_token("Bearer abc.def"));
    CPPUNIT_ASSERT_EQUAL(std::string("abc"), RequestToken::bearer_token("bearer   abc  "));
    CPPUNIT_ASSERT_EQUAL(std::string(""), RequestToken::bearer_token("Bearer "));
    CPPUNIT_ASSERT_EQUAL(std::string(""), RequestToken::bearer_token("Bearer    "));
    CPPUNIT_ASSERT_EQUAL(std::string(""), RequestToken::bearer_token("Basic dXNlcjpwYXNz"));
    CPPUNIT_ASSERT_EQUAL(std::string(""), RequestToken::bearer_token("Bearerabc"));
  }

  void prefersTheHeaderOverTheCookie() {
    RequestToken bearer =
        token_of("POST", {{"authorization", "Bearer h.t"}, {"Cookie", "access_token=c.t"}});
    CPPUNIT_ASSERT(bearer.source() == Source::kBearer);
    CPPUNIT_ASSERT_EQUAL(std::string("h.t"), bearer.token());
    // A malformed header is an error even when a cookie is there too.
    RequestToken malformed =
        token_of("GET", {{"Authorization", "Token x"}, {"Cookie", "access_token=c.t"}});
    CPPUNIT_ASSERT(malformed.source() == Source::kMalformedHeader);
    CPPUNIT_ASSERT(malformed.token().empty());
    CPPUNIT_ASSERT(token_of("GET", {}).source() == Source::kNone);
    CPPUNIT_ASSERT(token_of("GET", {{"Cookie", "access_token="}}).source() == Source::kNone);
  }

  void fallsBackToTheCookie() {
    bool csrf = false;
    RequestToken cookie = token_of("GET", {{"Cookie", "access_token=c.t"}}, &csrf);
    CPPUNIT_ASSERT(cookie.source() == Source::kCookie);
    CPPUNIT_ASSERT(cookie.by_cookie());
    CPPUNIT_ASSERT_EQUAL(std::string("c.t"), cookie.token());
    CPPUNIT_ASSERT(csrf);  // safe method
  }

  void unsafeCookieRequestsNeedTheCsrfHeader() {
    bool csrf = true;
    token_of("POST", {{"Cookie", "access_token=c.t; csrf_token=s3cr3t"}}, &csrf);
    CPPUNIT_ASSERT(!csrf);
    token_of("DELETE",
             {{"Cookie", "access_token=c.t; csrf_token=s3cr3t"}, {"X-CSRF-Token", "other"}}, &csrf);
    CPPUNIT_ASSERT(!csrf);
    token_of("PUT", {{"Cookie", "access_token=c.t"}, {"X-CSRF-Token", ""}}, &csrf);
    CPPUNIT_ASSERT(!csrf);  // both empty never matches
    token_of("PUT", {{"Cookie", "access_token=c.t; csrf_token=s3cr3t"}, {"x-csrf-token", "s3cr3t"}},
             &csrf);
    CPPUNIT_ASSERT(csrf);
    token_of("POST", {{"Authorization", "Bearer h.t"}}, &csrf);
    CPPUNIT_ASSERT(csrf);  // bearer requests are exempt
    CPPUNIT_ASSERT(CsrfGuard::is_safe_method("HEAD") && CsrfGuard::is_safe_method("OPTIONS"));
    CPPUNIT_ASSERT(!CsrfGuard::is_safe_method("PATCH"));
  }

  void csrfTokensAreRandomHex() {
    const std::string a = CsrfGuard::new_token();
    const std::string b = CsrfGuard::new_token();
    CPPUNIT_ASSERT_EQUAL(size_t{64}, a.size());
    CPPUNIT_ASSERT(a.find_first_not_of("0123456789abcdef") == std::string::npos);
    CPPUNIT_ASSERT(a != b);
    CPPUNIT_ASSERT(CsrfGuard::matches(a, a));
    CPPUNIT_ASSERT(!CsrfGuard::matches(a, b));
    CPPUNIT_ASSERT(!CsrfGuard::matches("", ""));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestTokenTest);
