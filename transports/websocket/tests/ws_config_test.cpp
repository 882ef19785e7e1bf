#include "ws_config.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

using meetgate::transport::WsConfig;

namespace {

class TempConfig {
 public:
  explicit TempConfig(const std::string &text) {
    char pattern[] = "/tmp/mg-ws-config-XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ + "/meetgate.transport.websocket.jcfg";
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

class WsConfigTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WsConfigTest);
  CPPUNIT_TEST(defaults);
  CPPUNIT_TEST(fileAndEnvironment);
  CPPUNIT_TEST(idleMustOutlastPing);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    unsetenv("MEETGATE_WS_PORT");
    unsetenv("MEETGATE_WS_BIND");
  }
  void tearDown() override { setUp(); }

  void defaults() {
    WsConfig config;
    CPPUNIT_ASSERT_EQUAL(std::string(), config.load(nullptr));
    CPPUNIT_ASSERT_EQUAL(8081, config.port);
    CPPUNIT_ASSERT_EQUAL(size_t(65536), config.max_message);
    CPPUNIT_ASSERT_EQUAL(size_t(256), config.send_queue_max);
    CPPUNIT_ASSERT_EQUAL(20u, config.ping_interval);
    CPPUNIT_ASSERT_EQUAL(60u, config.idle_timeout);
    CPPUNIT_ASSERT_EQUAL(size_t(10000), config.max_connections);
  }

  void fileAndEnvironment() {
    TempConfig file("general: { port = 9091; max_message = 1024; send_queue_max = 4; };\n");
    setenv("MEETGATE_WS_PORT", "19091", 1);
    setenv("MEETGATE_WS_BIND", "127.0.0.1", 1);
    WsConfig config;
    CPPUNIT_ASSERT_EQUAL(std::string(), config.load(file.path()));
    CPPUNIT_ASSERT_EQUAL(19091, config.port);
    CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), config.bind);
    CPPUNIT_ASSERT_EQUAL(size_t(1024), config.max_message);
    CPPUNIT_ASSERT_EQUAL(size_t(4), config.send_queue_max);
    setenv("MEETGATE_WS_PORT", "-1", 1);
    CPPUNIT_ASSERT(!config.load(file.path()).empty());
  }

  void idleMustOutlastPing() {
    TempConfig file("general: { ping_interval = 30; idle_timeout = 30; };\n");
    WsConfig config;
    CPPUNIT_ASSERT(config.load(file.path()).find("idle_timeout") != std::string::npos);
    TempConfig off("general: { ping_interval = 0; idle_timeout = 10; };\n");
    WsConfig no_ping;
    CPPUNIT_ASSERT_EQUAL(std::string(), no_ping.load(off.path()));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WsConfigTest);
