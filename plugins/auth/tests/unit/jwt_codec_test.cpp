// JWT encoding and every way a token must fail to verify.
#include "jwt_codec.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <sodium.h>

#include <cstring>

using meetgate::auth::JwtCodec;
using meetgate::auth::TokenClaims;
using meetgate::auth::TokenType;

namespace {

const std::string kSecret = "unit-test-secret-0123456789abcdef0123456789";
constexpr int64_t kNow = 1'800'000'000;

std::string base64url(const std::string &text) {
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char *>(text.data()),
                    text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

TokenClaims sample_claims(TokenType type = TokenType::kAccess) {
  TokenClaims claims;
  claims.user_id = 42;
  claims.username = "alice";
  claims.email = "alice@example.com";
  claims.role = "user";
  claims.jti = JwtCodec::new_jti();
  claims.type = type;
  claims.issued_at = kNow;
  claims.expires_at = kNow + 3600;
  claims.token_version = 3;
  return claims;
}

}  // namespace

class JwtCodecTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(JwtCodecTest);
  CPPUNIT_TEST(roundTrip);
  CPPUNIT_TEST(expired);
  CPPUNIT_TEST(tamperedPayload);
  CPPUNIT_TEST(tamperedSignature);
  CPPUNIT_TEST(otherSecret);
  CPPUNIT_TEST(algNoneRefused);
  CPPUNIT_TEST(otherIssuer);
  CPPUNIT_TEST(refreshIsNotAccess);
  CPPUNIT_TEST(garbage);
  CPPUNIT_TEST(jtisAreUnique);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override { CPPUNIT_ASSERT(sodium_init() >= 0); }

  void roundTrip() {
    JwtCodec codec(kSecret, "meetgate");
    TokenClaims claims = sample_claims();
    JwtCodec::Verified verified = codec.decode(codec.encode(claims), TokenType::kAccess, kNow);
    CPPUNIT_ASSERT(verified.claims.has_value());
    CPPUNIT_ASSERT_EQUAL(int64_t(42), verified.claims->user_id);
    CPPUNIT_ASSERT_EQUAL(std::string("alice"), verified.claims->username);
    CPPUNIT_ASSERT_EQUAL(std::string("alice@example.com"), verified.claims->email);
    CPPUNIT_ASSERT_EQUAL(std::string("user"), verified.claims->role);
    CPPUNIT_ASSERT_EQUAL(claims.jti, verified.claims->jti);
    CPPUNIT_ASSERT_EQUAL(kNow + 3600, verified.claims->expires_at);
    CPPUNIT_ASSERT_EQUAL(int64_t(3), verified.claims->token_version);
  }
  void expired() {
    JwtCodec codec(kSecret, "meetgate");
    const std::string token = codec.encode(sample_claims());
    CPPUNIT_ASSERT(codec.decode(token, TokenType::kAccess, kNow + 3599).claims);
    JwtCodec::Verified late = codec.decode(token, TokenType::kAccess, kNow + 3600);
    CPPUNIT_ASSERT(!late.claims);
    CPPUNIT_ASSERT(late.failure == JwtCodec::Failure::kExpired);
  }
  void tamperedPayload() {
    JwtCodec codec(kSecret, "meetgate");
    const std::string token = codec.encode(sample_claims());
    const size_t first = token.find('.');
    const size_t second = token.find('.', first + 1);
    TokenClaims admin = sample_claims();
    admin.role = "admin";
    const std::string forged_payload = codec.encode(admin).substr(
        first + 1, second - first - 1);  // a validly signed payload of another token
    const std::string forged = token.substr(0, first + 1) + forged_payload + token.substr(second);
    CPPUNIT_ASSERT(!codec.decode(forged, TokenType::kAccess, kNow).claims);
  }
  void tamperedSignature() {
    JwtCodec codec(kSecret, "meetgate");
    std::string token = codec.encode(sample_claims());
    token.back() = token.back() == 'A' ? 'B' : 'A';
    CPPUNIT_ASSERT(!codec.decode(token, TokenType::kAccess, kNow).claims);
  }
  void otherSecret() {
    JwtCodec codec(kSecret, "meetgate");
    JwtCodec other("another-secret-0123456789abcdef0123456789", "meetgate");
    CPPUNIT_ASSERT(!other.decode(codec.encode(sample_claims()), TokenType::kAccess, kNow).claims);
  }
  void algNoneRefused() {
    JwtCodec codec(kSecret, "meetgate");
    const std::string header = base64url(R"({"alg":"none","typ":"JWT"})");
    const std::string payload = base64url(
        R"({"user_id":1,"username":"root","email":"r@x.io","role":"admin","iss":"meetgate",)"
        R"("sub":"1","iat":1800000000,"exp":1900000000,"jti":"abc","typ":"access","tv":0})");
    CPPUNIT_ASSERT(!codec.decode(header + "." + payload + ".", TokenType::kAccess, kNow).claims);
    const std::string hs = base64url(R"({"alg":"HS256","typ":"JWT"})");
    CPPUNIT_ASSERT(!codec.decode(hs + "." + payload + ".", TokenType::kAccess, kNow).claims);
  }
  void otherIssuer() {
    JwtCodec codec(kSecret, "meetgate");
    JwtCodec foreign(kSecret, "someone-else");
    JwtCodec::Verified verified =
        codec.decode(foreign.encode(sample_claims()), TokenType::kAccess, kNow);
    CPPUNIT_ASSERT(!verified.claims);
    CPPUNIT_ASSERT(verified.failure == JwtCodec::Failure::kWrongIssuer);
  }
  void refreshIsNotAccess() {
    JwtCodec codec(kSecret, "meetgate");
    const std::string refresh = codec.encode(sample_claims(TokenType::kRefresh));
    CPPUNIT_ASSERT(!codec.decode(refresh, TokenType::kAccess, kNow).claims);
    CPPUNIT_ASSERT(codec.decode(refresh, TokenType::kRefresh, kNow).claims);
  }
  void garbage() {
    JwtCodec codec(kSecret, "meetgate");
    for (const char *token : {"", "a", "a.b", "a.b.c", "...", "eyJhbGciOiJIUzI1NiJ9..x"}) {
      CPPUNIT_ASSERT(!codec.decode(token, TokenType::kAccess, kNow).claims);
    }
    CPPUNIT_ASSERT(!codec.decode(std::string(10000, 'a'), TokenType::kAccess, kNow).claims);
  }
  void jtisAreUnique() {
    const std::string a = JwtCodec::new_jti();
    CPPUNIT_ASSERT_EQUAL(size_t(32), a.size());
    CPPUNIT_ASSERT(a != JwtCodec::new_jti());
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(JwtCodecTest);
