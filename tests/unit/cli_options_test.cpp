#include "cli_options.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <vector>

using meetgate::core::CliOptions;

namespace {
CliOptions parse(std::vector<const char *> args) {
  args.insert(args.begin(), "meetgate");
  return CliOptions::parse(static_cast<int>(args.size()), args.data());
}
}  // namespace

class CliOptionsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(CliOptionsTest);
  CPPUNIT_TEST(defaults);
  CPPUNIT_TEST(values_with_space_or_equals);
  CPPUNIT_TEST(flags);
  CPPUNIT_TEST(errors);
  CPPUNIT_TEST_SUITE_END();

 public:
  void defaults() {
    CliOptions options = parse({});
    CPPUNIT_ASSERT(!options.help && !options.version && !options.check_config);
    CPPUNIT_ASSERT(options.config_dir.empty() && options.plugins_dir.empty());
  }
  void values_with_space_or_equals() {
    CliOptions options = parse(
        {"--config-dir", "/etc/mg", "--plugins-dir=/p", "--transports-dir", "/t", "--data-dir=/d"});
    CPPUNIT_ASSERT_EQUAL(std::string("/etc/mg"), options.config_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("/p"), options.plugins_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("/t"), options.transports_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("/d"), options.data_dir);
  }
  void flags() {
    CPPUNIT_ASSERT(parse({"--help"}).help);
    CPPUNIT_ASSERT(parse({"-h"}).help);
    CPPUNIT_ASSERT(parse({"--version"}).version);
    CliOptions options = parse({"--check-config", "--config-dir=/c"});
    CPPUNIT_ASSERT(options.check_config);
    CPPUNIT_ASSERT_EQUAL(std::string("/c"), options.config_dir);
    CPPUNIT_ASSERT(CliOptions::usage("meetgate").find("--check-config") != std::string::npos);
  }
  void errors() {
    CPPUNIT_ASSERT_THROW(parse({"--config-dir"}), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(parse({"--config-dir="}), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(parse({"--bogus"}), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(parse({"--config-dirx", "a"}), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(parse({"positional"}), std::invalid_argument);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CliOptionsTest);
