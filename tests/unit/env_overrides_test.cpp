#include "env_overrides.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <map>

#include "config_error.hpp"
#include "config_loader.hpp"

using namespace meetgate::core;

namespace {
EnvOverrides::Lookup lookup_in(const std::map<std::string, std::string> &env) {
  return [&env](const char *name) -> const char * {
    auto found = env.find(name);
    return found == env.end() ? nullptr : found->second.c_str();
  };
}
std::string apply_error(const std::map<std::string, std::string> &env) {
  CoreConfig config;
  try {
    EnvOverrides::apply(config, lookup_in(env));
    ConfigLoader::validate(config);
  } catch (const ConfigError &error) {
    return error.what();
  }
  return "<no error>";
}
}  // namespace

class EnvOverridesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(EnvOverridesTest);
  CPPUNIT_TEST(overrides_each_key);
  CPPUNIT_TEST(absent_variables_change_nothing);
  CPPUNIT_TEST(bad_values_name_the_variable);
  CPPUNIT_TEST(development_spellings);
  CPPUNIT_TEST_SUITE_END();

 public:
  void overrides_each_key() {
    const std::map<std::string, std::string> env = {{"MEETGATE_DATA_DIR", "/srv/data"},
                                                    {"MEETGATE_PLUGINS_DIR", "/p"},
                                                    {"MEETGATE_TRANSPORTS_DIR", "/t"},
                                                    {"MEETGATE_LOG_LEVEL", "debug"},
                                                    {"MEETGATE_DEVELOPMENT", "1"},
                                                    {"MEETGATE_PUBLIC_URL", "https://x.example"},
                                                    {"MEETGATE_DATABASE_URL", "postgres://d"},
                                                    {"MEETGATE_REDIS_URL", "redis://r:1"},
                                                    {"MEETGATE_PUBLIC_IP", "203.0.113.5"},
                                                    {"MEETGATE_RTP_PORT_MIN", "31000"},
                                                    {"MEETGATE_RTP_PORT_MAX", "31999"}};
    CoreConfig config;
    EnvOverrides::apply(config, lookup_in(env));
    CPPUNIT_ASSERT_EQUAL(std::string("/srv/data"), config.general.data_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("/p"), config.general.plugins_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("/t"), config.general.transports_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("debug"), config.general.log_level);
    CPPUNIT_ASSERT(config.general.development);
    CPPUNIT_ASSERT_EQUAL(std::string("https://x.example"), config.general.public_url);
    CPPUNIT_ASSERT_EQUAL(std::string("postgres://d"), config.storage.database_url);
    CPPUNIT_ASSERT_EQUAL(std::string("redis://r:1"), config.redis_url);
    CPPUNIT_ASSERT_EQUAL(std::string("203.0.113.5"), config.media.engine.public_ip);
    CPPUNIT_ASSERT_EQUAL(31000, config.media.engine.rtp_port_min);
    CPPUNIT_ASSERT_EQUAL(31999, config.media.engine.rtp_port_max);
    CPPUNIT_ASSERT_EQUAL(std::string("MEETGATE_RTP_PORT_MAX"),
                         config.origin_of("media.rtp_port_max"));
    ConfigLoader::validate(config);
  }
  void absent_variables_change_nothing() {
    const std::map<std::string, std::string> env;
    CoreConfig config;
    EnvOverrides::apply(config, lookup_in(env));
    CPPUNIT_ASSERT_EQUAL(std::string("./data"), config.general.data_dir);
    CPPUNIT_ASSERT(config.origins.empty());
  }
  void bad_values_name_the_variable() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("MEETGATE_RTP_PORT_MIN: key 'media.rtp_port_min': 'abc' is not an integer"),
        apply_error({{"MEETGATE_RTP_PORT_MIN", "abc"}}));
    CPPUNIT_ASSERT_EQUAL(
        std::string("MEETGATE_RTP_PORT_MIN: key 'media.rtp_port_min': '12x' is not an integer"),
        apply_error({{"MEETGATE_RTP_PORT_MIN", "12x"}}));
    CPPUNIT_ASSERT_EQUAL(std::string("MEETGATE_DEVELOPMENT: key 'general.development': 'maybe' is "
                                     "not a boolean (1/0, true/false)"),
                         apply_error({{"MEETGATE_DEVELOPMENT", "maybe"}}));
    CPPUNIT_ASSERT_EQUAL(std::string("MEETGATE_LOG_LEVEL: key 'general.log_level': 'verbose' is "
                                     "not one of error, warn, info, debug"),
                         apply_error({{"MEETGATE_LOG_LEVEL", "verbose"}}));
    CPPUNIT_ASSERT_EQUAL(
        std::string("MEETGATE_RTP_PORT_MAX: key 'media.rtp_port_max': must be between 1 and 65535"),
        apply_error({{"MEETGATE_RTP_PORT_MAX", "99999"}}));
  }
  void development_spellings() {
    for (const char *yes : {"1", "true", "yes", "on"}) {
      const std::map<std::string, std::string> env = {{"MEETGATE_DEVELOPMENT", yes}};
      CoreConfig config;
      EnvOverrides::apply(config, lookup_in(env));
      CPPUNIT_ASSERT_MESSAGE(yes, config.general.development);
    }
    const std::map<std::string, std::string> env = {{"MEETGATE_DEVELOPMENT", "0"}};
    CoreConfig config;
    config.general.development = true;
    EnvOverrides::apply(config, lookup_in(env));
    CPPUNIT_ASSERT(!config.general.development);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EnvOverridesTest);
