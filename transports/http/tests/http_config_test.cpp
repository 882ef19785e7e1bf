#include "http_config.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

using meetgate::transport::HttpConfig;

namespace {

// A config file in a fresh temporary directory, removed afterwards.
class TempConfig {
 public:
  explicit TempConfig(const std::string &text) {
    char pattern[] = "/tmp/mg-http-config-XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ + "/meetgate.transport.http.jcfg";
    std::ofstream(path_) << text;
  }
  ~TempConfig() {
    unlink(path_.c_str());
    rmdir(dir_.c_str());
  }
  const char *path() const { return path_.c_str(); }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace

class HttpConfigTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HttpConfigTest);
  CPPUNIT_TEST(missingFileGivesDefaults);
  CPPUNIT_TEST(fileValuesAreRead);
  CPPUNIT_TEST(environmentOverridesFile);
  CPPUNIT_TEST(badValuesAreReported);
  CPPUNIT_TEST(syntaxErrorNamesTheLine);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    unsetenv("MEETGATE_HTTP_PORT");
    unsetenv("MEETGATE_HTTP_BIND");
  }
  void tearDown() override { setUp(); }

  void missingFileGivesDefaults() {
    HttpConfig config;
    CPPUNIT_ASSERT_EQUAL(std::string(), config.load("/nonexistent/meetgate.transport.http.jcfg"));
    CPPUNIT_ASSERT_EQUAL(8080, config.port);
    CPPUNIT_ASSERT_EQUAL(std::string("0.0.0.0"), config.bind);
    CPPUNIT_ASSERT_EQUAL(size_t(1048576), config.max_body);
    CPPUNIT_ASSERT_EQUAL(4u, config.threads);
    CPPUNIT_ASSERT(config.cors_origins == std::vector<std::string>{"*"});
  }

  void fileValuesAreRead() {
    TempConfig file(
        "general: { port = 9090; bind = \"127.0.0.1\"; threads = 2; max_body = 100;\n"
        " cors_origins = [\"https://a.example\", \"https://b.example\"];\n"
        " cors_methods = \"GET, POST\"; trust_forwarded = true; };\n");
    HttpConfig config;
    CPPUNIT_ASSERT_EQUAL(std::string(), config.load(file.path()));
    CPPUNIT_ASSERT_EQUAL(9090, config.port);
    CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), config.bind);
    CPPUNIT_ASSERT_EQUAL(2u, config.threads);
    CPPUNIT_ASSERT_EQUAL(size_t(100), config.max_body);
    CPPUNIT_ASSERT(config.trust_forwarded);
    CPPUNIT_ASSERT_EQUAL(size_t(2), config.cors_origins.size());
    CPPUNIT_ASSERT(config.cors_methods == (std::vector<std::string>{"GET", "POST"}));
  }

  void environmentOverridesFile() {
    TempConfig file("general: { port = 9090; bind = \"127.0.0.1\"; };\n");
    setenv("MEETGATE_HTTP_PORT", "18080", 1);
    setenv("MEETGATE_HTTP_BIND", "::1", 1);
    HttpConfig config;
    CPPUNIT_ASSERT_EQUAL(std::string(), config.load(file.path()));
    CPPUNIT_ASSERT_EQUAL(18080, config.port);
    CPPUNIT_ASSERT_EQUAL(std::string("::1"), config.bind);
    setenv("MEETGATE_HTTP_PORT", "80a", 1);
    CPPUNIT_ASSERT(config.load(file.path()).find("MEETGATE_HTTP_PORT") != std::string::npos);
  }

  void badValuesAreReported() {
    TempConfig file("general: { port = 70000; };\n");
    HttpConfig config;
    CPPUNIT_ASSERT(config.load(file.path()).find("general.port") != std::string::npos);
    TempConfig half_tls("general: { tls_cert = \"/x.pem\"; };\n");
    HttpConfig tls;
    CPPUNIT_ASSERT(tls.load(half_tls.path()).find("tls_key") != std::string::npos);
  }

  void syntaxErrorNamesTheLine() {
    TempConfig file("general: {\n port = ;\n};\n");
    HttpConfig config;
    std::string error = config.load(file.path());
    CPPUNIT_ASSERT_MESSAGE(error, error.find(":2:") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpConfigTest);
