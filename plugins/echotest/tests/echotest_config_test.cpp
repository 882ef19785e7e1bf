#include "echotest_config.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using meetgate::echotest::EchoTestConfig;
using meetgate::echotest::load_echotest_config;

namespace {
// A config file in a fresh temp folder, removed with the object.
class TempConfig {
 public:
  explicit TempConfig(const std::string &text) {
    std::string pattern = (std::filesystem::temp_directory_path() / "echotest-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    path_ = dir_ + "/meetgate.plugin.echotest.jcfg";
    std::ofstream(path_) << text;
  }
  ~TempConfig() { std::filesystem::remove_all(dir_); }
  const char *path() const { return path_.c_str(); }

 private:
  std::string dir_, path_;
};
}  // namespace

class EchoTestConfigTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(EchoTestConfigTest);
  CPPUNIT_TEST(missingFileGivesDefaults);
  CPPUNIT_TEST(readsKeys);
  CPPUNIT_TEST(syntaxErrorNamesFileAndLine);
  CPPUNIT_TEST(wrongTypeIsAnError);
  CPPUNIT_TEST_SUITE_END();

 public:
  void missingFileGivesDefaults() {
    EchoTestConfig config;
    std::string error;
    CPPUNIT_ASSERT(load_echotest_config("/nonexistent/echotest.jcfg", config, error));
    CPPUNIT_ASSERT(config.enabled);
    CPPUNIT_ASSERT_EQUAL(size_t(65536), config.max_body);
    CPPUNIT_ASSERT(config.echo_media);
  }

  void readsKeys() {
    TempConfig file("general: { enabled = false; max_body = 1024; echo_media = false; };\n");
    EchoTestConfig config;
    std::string error;
    CPPUNIT_ASSERT(load_echotest_config(file.path(), config, error));
    CPPUNIT_ASSERT(!config.enabled);
    CPPUNIT_ASSERT_EQUAL(size_t(1024), config.max_body);
    CPPUNIT_ASSERT(!config.echo_media);
  }

  void syntaxErrorNamesFileAndLine() {
    TempConfig file("general: {\n  enabled = true\n  max_body = ;\n};\n");
    EchoTestConfig config;
    std::string error;
    CPPUNIT_ASSERT(!load_echotest_config(file.path(), config, error));
    CPPUNIT_ASSERT(error.find(std::string(file.path()) + ":3:") == 0);
  }

  void wrongTypeIsAnError() {
    TempConfig file("general: { max_body = \"big\"; };\n");
    EchoTestConfig config;
    std::string error;
    CPPUNIT_ASSERT(!load_echotest_config(file.path(), config, error));
    CPPUNIT_ASSERT(error.find("general.max_body") != std::string::npos);
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(EchoTestConfigTest);
