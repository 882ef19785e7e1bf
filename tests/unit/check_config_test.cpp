#include <cppunit/extensions/HelperMacros.h>

#include <filesystem>
#include <sstream>

#include "config_checker.hpp"
#include "temp_dir.hpp"

using namespace meetgate::core;
using meetgate::test::TempDir;

namespace {
struct CheckResult {
  int code;
  std::string out, errors;
};
CheckResult check(const TempDir &dir) {
  CliOptions options;
  options.config_dir = dir.str();
  std::ostringstream out, errors;
  const int code = ConfigChecker::run(options, out, errors);
  return {code, out.str(), errors.str()};
}
}  // namespace

class CheckConfigTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(CheckConfigTest);
  CPPUNIT_TEST(sample_config_passes);
  CPPUNIT_TEST(bad_core_key_fails_with_location);
  CPPUNIT_TEST(bad_module_file_fails_with_location);
  CPPUNIT_TEST(every_problem_is_reported);
  CPPUNIT_TEST_SUITE_END();

 public:
  void sample_config_passes() {
    TempDir dir;
    std::filesystem::copy_file(std::string(MEETGATE_SAMPLE_CONF_DIR) + "/meetgate.jcfg",
                               dir.path() / "meetgate.jcfg");
    dir.write("meetgate.plugin.x.jcfg",
              "general: { enabled = true; anything = \"module keys are the module's\"; };\n");
    CheckResult result = check(dir);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.errors, 0, result.code);
    CPPUNIT_ASSERT(result.out.find("configuration OK") != std::string::npos);
    CPPUNIT_ASSERT(result.errors.empty());
  }
  void bad_core_key_fails_with_location() {
    TempDir dir;
    dir.write("meetgate.jcfg", "general: {\n  log_level = 3;\n};\n");
    CheckResult result = check(dir);
    CPPUNIT_ASSERT_EQUAL(2, result.code);
    CPPUNIT_ASSERT_MESSAGE(
        result.errors,
        result.errors.find(dir.str() +
                           "/meetgate.jcfg:2: key 'general.log_level': expected a string") !=
            std::string::npos);
  }
  void bad_module_file_fails_with_location() {
    TempDir dir;
    dir.write("meetgate.plugin.auth.jcfg", "general: {\n  enabled = \"yes\";\n};\n");
    CheckResult result = check(dir);
    CPPUNIT_ASSERT_EQUAL(2, result.code);
    CPPUNIT_ASSERT_MESSAGE(
        result.errors,
        result.errors.find(dir.str() + "/meetgate.plugin.auth.jcfg:2: key 'general.enabled'") !=
            std::string::npos);
  }
  void every_problem_is_reported() {
    TempDir dir;
    dir.write("meetgate.jcfg", "media: { bogus = 1; };\n");
    dir.write("a.jcfg", "x = ;\n");
    dir.write("b.jcfg", "y = 1;\n");
    CheckResult result = check(dir);
    CPPUNIT_ASSERT_EQUAL(2, result.code);
    CPPUNIT_ASSERT(result.errors.find("key 'media.bogus': unknown key") != std::string::npos);
    CPPUNIT_ASSERT(result.errors.find(dir.str() + "/a.jcfg:1: syntax error") != std::string::npos);
    CPPUNIT_ASSERT(result.errors.find("b.jcfg") == std::string::npos);
    CPPUNIT_ASSERT(result.errors.find("2 problem(s)") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CheckConfigTest);
