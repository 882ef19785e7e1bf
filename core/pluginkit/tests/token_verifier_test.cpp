// TokenVerifier: the token lookup and CSRF refusals, and what it makes of the
// auth.verify_token service's answers (a core table whose call_service
// answers like the auth plugin's service, and records what it was asked).
#include <cppunit/extensions/HelperMacros.h>
#include <sodium.h>

#include <meetgate/pluginkit/token_verifier.hpp>
#include <string>

#include "recording_core.hpp"

using meetgate::pluginkit::AuthOutcome;
using meetgate::pluginkit::HttpExchange;
using meetgate::pluginkit::JsonPtr;
using meetgate::pluginkit::TokenVerifier;
using meetgate::pluginkit::test::RecordingCore;
using meetgate::pluginkit::test::RequestSpec;
using Failure = AuthOutcome::Failure;

namespace {

// What the fake auth service answers next, and what it was asked.
struct AuthService {
  int status = 0;
  std::string answer;  // JSON text of the response (0) or message (non-0)
  int calls = 0;
  std::string service, token;
};

AuthService &auth() {
  static AuthService service;
  return service;
}

// The service answers (status, answer) from now on; forgets what it was asked.
void service_answers(int status, std::string answer) {
  auth() = AuthService{};
  auth().status = status;
  auth().answer = std::move(answer);
}

int call_service(const char *name, const json_t *request, json_t **response) {
  AuthService &a = auth();
  ++a.calls;
  a.service = name;
  const char *token = json_string_value(json_object_get(request, "token"));
  a.token = token ? token : "";
  *response =
      a.status == 0 ? json_loads(a.answer.c_str(), 0, nullptr) : json_string(a.answer.c_str());
  return a.status;
}

AuthOutcome authenticate(const std::string &method,
                         std::vector<std::pair<std::string, std::string>> headers) {
  RecordingCore core;
  mg_core_callbacks table = *core.table();
  table.call_service = call_service;
  RequestSpec spec;
  spec.method = method;
  spec.headers = std::move(headers);
  AuthOutcome out = AuthOutcome::refused(Failure::kUnavailable, 0, "", "");
  spec.with_request([&](const mg_http_request &request) {
    HttpExchange exchange(&table, &request, core.responder());
    out = TokenVerifier(&table).authenticate(exchange);
    exchange.reply(200, "ok", nullptr);
  });
  return out;
}

const char *kAlice =
    R"({"user_id":7,"username":"alice","email":"a@example.com","role":"admin","jti":"j","exp":1})";

}  // namespace

class TokenVerifierTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TokenVerifierTest);
  CPPUNIT_TEST(acceptsABearerTokenTheServiceKnows);
  CPPUNIT_TEST(refusesWithoutCallingTheService);
  CPPUNIT_TEST(checksCsrfForCookieTokens);
  CPPUNIT_TEST(passesOnTheServiceRefusal);
  CPPUNIT_TEST(refusesAnAnswerWithoutAUser);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    CPPUNIT_ASSERT(sodium_init() >= 0);
    service_answers(0, kAlice);
  }

  void acceptsABearerTokenTheServiceKnows() {
    AuthOutcome outcome = authenticate("POST", {{"authorization", "Bearer  tok.en "}});
    CPPUNIT_ASSERT(outcome.ok());
    CPPUNIT_ASSERT_EQUAL(0, outcome.status());
    CPPUNIT_ASSERT_EQUAL(std::string("auth.verify_token"), auth().service);
    CPPUNIT_ASSERT_EQUAL(std::string("tok.en"), auth().token);
    CPPUNIT_ASSERT_EQUAL(int64_t{7}, outcome.user().user_id);
    CPPUNIT_ASSERT_EQUAL(std::string("alice"), outcome.user().username);
    CPPUNIT_ASSERT_EQUAL(std::string("a@example.com"), outcome.user().email);
    CPPUNIT_ASSERT(outcome.user().is_admin());
  }

  void refusesWithoutCallingTheService() {
    AuthOutcome none = authenticate("GET", {});
    CPPUNIT_ASSERT(none.failure() == Failure::kMissingToken);
    CPPUNIT_ASSERT_EQUAL(401, none.status());
    CPPUNIT_ASSERT_EQUAL(std::string("unauthorized"), none.message());
    CPPUNIT_ASSERT_EQUAL(std::string("missing bearer token"), none.detail());
    AuthOutcome malformed =
        authenticate("GET", {{"Authorization", "Basic x"}, {"Cookie", "access_token=t"}});
    CPPUNIT_ASSERT(malformed.failure() == Failure::kMalformedHeader);
    CPPUNIT_ASSERT_EQUAL(401, malformed.status());
    CPPUNIT_ASSERT_EQUAL(std::string("Authorization header must be 'Bearer <token>'"),
                         malformed.detail());
    CPPUNIT_ASSERT(TokenVerifier(nullptr).verify("").failure() == Failure::kMissingToken);
    CPPUNIT_ASSERT_EQUAL(0, auth().calls);
  }

  void checksCsrfForCookieTokens() {
    AuthOutcome forged = authenticate(
        "DELETE", {{"Cookie", "access_token=t; csrf_token=c1"}, {"X-CSRF-Token", "c2"}});
    CPPUNIT_ASSERT(forged.failure() == Failure::kCsrfMismatch);
    CPPUNIT_ASSERT_EQUAL(403, forged.status());
    CPPUNIT_ASSERT_EQUAL(std::string("CSRF token missing or invalid"), forged.message());
    CPPUNIT_ASSERT_EQUAL(0, auth().calls);
    AuthOutcome submitted = authenticate(
        "DELETE", {{"Cookie", "access_token=t; csrf_token=c1"}, {"X-CSRF-Token", "c1"}});
    CPPUNIT_ASSERT(submitted.ok());
    CPPUNIT_ASSERT_EQUAL(std::string("t"), auth().token);
    CPPUNIT_ASSERT(authenticate("GET", {{"Cookie", "access_token=t"}}).ok());
  }

  void passesOnTheServiceRefusal() {
    service_answers(401, "token revoked");
    AuthOutcome revoked = authenticate("GET", {{"Authorization", "Bearer t"}});
    CPPUNIT_ASSERT(revoked.failure() == Failure::kInvalidToken);
    CPPUNIT_ASSERT_EQUAL(401, revoked.status());
    CPPUNIT_ASSERT_EQUAL(std::string("unauthorized"), revoked.message());
    CPPUNIT_ASSERT_EQUAL(std::string("token revoked"), revoked.detail());
    service_answers(503, "");
    AuthOutcome missing = authenticate("GET", {{"Authorization", "Bearer t"}});
    CPPUNIT_ASSERT(missing.failure() == Failure::kUnavailable);
    CPPUNIT_ASSERT_EQUAL(503, missing.status());
    CPPUNIT_ASSERT_EQUAL(std::string("authentication unavailable"), missing.message());
    CPPUNIT_ASSERT_EQUAL(std::string("no auth plugin"), missing.detail());
  }

  void refusesAnAnswerWithoutAUser() {
    service_answers(0, R"({"username":"ghost","role":"user"})");
    AuthOutcome outcome = TokenVerifier(&table_with_service()).verify("t");
    CPPUNIT_ASSERT(outcome.failure() == Failure::kInvalidToken);
    CPPUNIT_ASSERT_EQUAL(401, outcome.status());
    CPPUNIT_ASSERT_EQUAL(std::string("token has no user"), outcome.detail());
  }

 private:
  static const mg_core_callbacks &table_with_service() {
    static mg_core_callbacks table = [] {
      mg_core_callbacks t{};
      t.call_service = call_service;
      return t;
    }();
    return table;
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TokenVerifierTest);
