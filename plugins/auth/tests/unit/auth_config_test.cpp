// Config loading and the JWT secret rules.
#include "auth_config.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <fstream>

#include "storage_fixture.hpp"

using meetgate::auth::AuthConfig;
using meetgate::auth::ConfigError;

namespace {

const std::string kGoodSecret = "a-real-secret-of-more-than-32-bytes-0123456789";

bool refused(const std::string &secret, bool development) {
  try {
    AuthConfig::check_secret(secret, development, {});
  } catch (const ConfigError &) {
    return true;
  }
  return false;
}

}  // namespace

class AuthConfigTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AuthConfigTest);
  CPPUNIT_TEST(secretRules);
  CPPUNIT_TEST(sampleSecretWarnsInDevelopment);
  CPPUNIT_TEST(missingFileMeansDefaults);
  CPPUNIT_TEST(readsKeys);
  CPPUNIT_TEST(badValuesAreRefused);
  CPPUNIT_TEST(environmentOverridesSecret);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override { unsetenv("MEETGATE_JWT_SECRET"); }
  void tearDown() override { unsetenv("MEETGATE_JWT_SECRET"); }

  void secretRules() {
    CPPUNIT_ASSERT(refused("", true));
    CPPUNIT_ASSERT(refused(std::string(31, 'k'), true));
    CPPUNIT_ASSERT(!refused(std::string(32, 'k'), false));
    CPPUNIT_ASSERT(refused(meetgate::auth::kSampleJwtSecret, false));
    CPPUNIT_ASSERT(!refused(meetgate::auth::kSampleJwtSecret, true));
  }
  void sampleSecretWarnsInDevelopment() {
    std::string warning;
    AuthConfig::check_secret(meetgate::auth::kSampleJwtSecret, true,
                             [&](const std::string &line) { warning = line; });
    CPPUNIT_ASSERT(warning.find("SAMPLE") != std::string::npos);
  }
  void missingFileMeansDefaults() {
    setenv("MEETGATE_JWT_SECRET", kGoodSecret.c_str(), 1);
    AuthConfig config = AuthConfig::load("/nonexistent/auth.jcfg", false, {});
    CPPUNIT_ASSERT_EQUAL(int64_t(86400), config.access_token_ttl);
    CPPUNIT_ASSERT_EQUAL(int64_t(604800), config.refresh_token_ttl);
    CPPUNIT_ASSERT_EQUAL(int64_t(2 * 1024 * 1024), config.avatar_max_bytes);
    CPPUNIT_ASSERT_EQUAL(kGoodSecret, config.jwt_secret);
  }
  void readsKeys() {
    meetgate::auth::test::StorageFixture fixture;
    const std::string path = (fixture.directory / "auth.jcfg").string();
    std::ofstream(path) << "general: {\n  jwt_secret = \"" << kGoodSecret
                        << "\";\n  access_token_ttl = 120;\n  avatar_max_bytes = 4096;\n"
                           "  admin_username = \"root_admin\";\n  cookie_secure = \"true\";\n};\n";
    AuthConfig config = AuthConfig::load(path, false, {});
    CPPUNIT_ASSERT_EQUAL(int64_t(120), config.access_token_ttl);
    CPPUNIT_ASSERT_EQUAL(int64_t(4096), config.avatar_max_bytes);
    CPPUNIT_ASSERT_EQUAL(std::string("root_admin"), config.admin_username);
    CPPUNIT_ASSERT_EQUAL(std::string("true"), config.cookie_secure);
  }
  void badValuesAreRefused() {
    meetgate::auth::test::StorageFixture fixture;
    const std::string path = (fixture.directory / "auth.jcfg").string();
    for (const char *body :
         {"general: { access_token_ttl = \"long\"; };", "general: { workers = 0; };",
          "general: { cookie_secure = \"maybe\"; };", "general: { jwt_secret = 5; };",
          "general: { broken"}) {
      std::ofstream(path) << body;
      setenv("MEETGATE_JWT_SECRET", kGoodSecret.c_str(), 1);
      bool threw = false;
      try {
        AuthConfig::load(path, false, {});
      } catch (const ConfigError &) {
        threw = true;
      }
      CPPUNIT_ASSERT_MESSAGE(body, threw);
    }
  }
  void environmentOverridesSecret() {
    meetgate::auth::test::StorageFixture fixture;
    const std::string path = (fixture.directory / "auth.jcfg").string();
    std::ofstream(path) << "general: { jwt_secret = \"" << meetgate::auth::kSampleJwtSecret
                        << "\"; };";
    bool threw = false;
    try {
      AuthConfig::load(path, false, {});
    } catch (const ConfigError &) {
      threw = true;
    }
    CPPUNIT_ASSERT(threw);  // the sample secret outside development
    setenv("MEETGATE_JWT_SECRET", kGoodSecret.c_str(), 1);
    CPPUNIT_ASSERT_EQUAL(kGoodSecret, AuthConfig::load(path, false, {}).jwt_secret);
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(AuthConfigTest);
