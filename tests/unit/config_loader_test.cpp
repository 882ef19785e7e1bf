#include "config_loader.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <filesystem>

#include "config_error.hpp"
#include "config_resolver.hpp"
#include "core_settings.hpp"
#include "temp_dir.hpp"

using namespace meetgate::core;
using meetgate::test::TempDir;

namespace {
// The message of the ConfigError that loading `text` as meetgate.jcfg throws.
std::string load_error(const TempDir &dir, const std::string &text) {
  dir.write("meetgate.jcfg", text);
  try {
    CoreConfig config = ConfigLoader::load(dir.str());
    ConfigLoader::validate(config);
  } catch (const ConfigError &error) {
    return error.what();
  }
  return "<no error>";
}
}  // namespace

class ConfigLoaderTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ConfigLoaderTest);
  CPPUNIT_TEST(missing_file_gives_defaults);
  CPPUNIT_TEST(reads_every_section);
  CPPUNIT_TEST(sample_file_is_all_defaults);
  CPPUNIT_TEST(wrong_type_reports_file_line_key);
  CPPUNIT_TEST(unknown_key_and_section);
  CPPUNIT_TEST(syntax_error_reports_line);
  CPPUNIT_TEST(validation_errors_name_the_key);
  CPPUNIT_TEST(missing_config_dir);
  CPPUNIT_TEST(finalize_derives_values);
  CPPUNIT_TEST(settings_resolve_database_url);
  CPPUNIT_TEST_SUITE_END();

 public:
  void missing_file_gives_defaults() {
    TempDir dir;
    CoreConfig config = ConfigLoader::load(dir.str());
    CPPUNIT_ASSERT_EQUAL(std::string("./data"), config.general.data_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("info"), config.general.log_level);
    CPPUNIT_ASSERT_EQUAL(std::string("http://localhost:8080"), config.general.public_url);
    CPPUNIT_ASSERT_EQUAL(4, config.storage.pool_size);
    CPPUNIT_ASSERT_EQUAL(20000, config.media.engine.rtp_port_min);
    CPPUNIT_ASSERT_EQUAL(40000, config.media.engine.rtp_port_max);
    CPPUNIT_ASSERT_EQUAL(30, config.media.engine.ice_timeout_seconds);
    CPPUNIT_ASSERT(config.media.engine.allow_loopback);
    CPPUNIT_ASSERT(!config.general.development);
    ConfigLoader::validate(config);
  }

  void reads_every_section() {
    TempDir dir;
    dir.write(
        "meetgate.jcfg",
        "general: { data_dir = \"/tmp/x\"; log_level = \"debug\"; node_id = \"n1\"; development = "
        "true;\n"
        "  public_url = \"https://meet.example.com\"; ws_url = \"wss://meet.example.com/ws\"; };\n"
        "plugins: { disable = [\"meetgate.plugin.ai\", \"recorder\"]; };\n"
        "transports: { disable = (\"meetgate.transport.websocket\"); };\n"
        "storage: { database_url = \"postgresql://u:p@h/db\"; pool_size = 9; };\n"
        "redis: { url = \"redis://127.0.0.1:6379/0\"; };\n"
        "media: { workers = 3; rtp_port_min = 30000; rtp_port_max = 30100; ice_lite = true;\n"
        "  ice_timeout = 12; public_ip = \"1.2.3.4\"; allow_loopback = false; stun_server = "
        "\"s:3478\"; };\n"
        "admin: { secret = \"s3cret\"; };\n");
    CoreConfig config = ConfigLoader::load(dir.str());
    ConfigLoader::validate(config);
    CPPUNIT_ASSERT_EQUAL(std::string("/tmp/x"), config.general.data_dir);
    CPPUNIT_ASSERT_EQUAL(std::string("debug"), config.general.log_level);
    CPPUNIT_ASSERT(config.general.development);
    CPPUNIT_ASSERT_EQUAL(std::string("wss://meet.example.com/ws"), config.general.ws_url);
    CPPUNIT_ASSERT(config.disabled_plugins ==
                   (std::vector<std::string>{"meetgate.plugin.ai", "recorder"}));
    CPPUNIT_ASSERT(config.disabled_transports ==
                   (std::vector<std::string>{"meetgate.transport.websocket"}));
    CPPUNIT_ASSERT_EQUAL(9, config.storage.pool_size);
    CPPUNIT_ASSERT_EQUAL(std::string("redis://127.0.0.1:6379/0"), config.redis_url);
    CPPUNIT_ASSERT_EQUAL(3, config.media.engine.workers);
    CPPUNIT_ASSERT_EQUAL(30100, config.media.engine.rtp_port_max);
    CPPUNIT_ASSERT(config.media.engine.ice_lite);
    CPPUNIT_ASSERT(!config.media.engine.allow_loopback);
    CPPUNIT_ASSERT_EQUAL(12, config.media.engine.ice_timeout_seconds);
    CPPUNIT_ASSERT_EQUAL(std::string("s:3478"), config.media.engine.stun_server);
    CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), config.admin_secret);
    CPPUNIT_ASSERT_EQUAL(dir.str() + "/meetgate.jcfg:5", config.origin_of("storage.pool_size"));
  }

  void sample_file_is_all_defaults() {
    CoreConfig sample = ConfigLoader::load(MEETGATE_SAMPLE_CONF_DIR);
    CoreConfig defaults;
    CPPUNIT_ASSERT_EQUAL(defaults.general.data_dir, sample.general.data_dir);
    CPPUNIT_ASSERT_EQUAL(defaults.media.engine.rtp_port_min, sample.media.engine.rtp_port_min);
    CPPUNIT_ASSERT(sample.origins.empty());  // every key is commented out
    ConfigLoader::validate(sample);
  }

  void wrong_type_reports_file_line_key() {
    TempDir dir;
    const std::string file = dir.str() + "/meetgate.jcfg";
    CPPUNIT_ASSERT_EQUAL(
        file + ":3: key 'media.rtp_port_min': expected an integer",
        load_error(dir, "general: {};\nmedia: {\n  rtp_port_min = \"20000\";\n};\n"));
    CPPUNIT_ASSERT_EQUAL(file + ":1: key 'general.development': expected a boolean (true/false)",
                         load_error(dir, "general: { development = 1; };\n"));
    CPPUNIT_ASSERT_EQUAL(file + ":2: key 'general.data_dir': expected a string",
                         load_error(dir, "general: {\n data_dir = 5; };\n"));
    const std::string list_error = load_error(dir, "plugins: { disable = \"ai\"; };\n");
    CPPUNIT_ASSERT(
        list_error.starts_with(file + ":1: key 'plugins.disable': expected a list of strings"));
    CPPUNIT_ASSERT_EQUAL(file + ":1: key 'plugins.disable': expected a list of strings",
                         load_error(dir, "plugins: { disable = [1, 2]; };\n"));
  }

  void unknown_key_and_section() {
    TempDir dir;
    const std::string file = dir.str() + "/meetgate.jcfg";
    CPPUNIT_ASSERT_EQUAL(file + ":2: key 'general.datadir': unknown key",
                         load_error(dir, "general: {\n  datadir = \"x\";\n};\n"));
    const std::string section = load_error(dir, "general: {};\n\nmediaa: { workers = 1; };\n");
    CPPUNIT_ASSERT(section.starts_with(file + ":3: key 'mediaa': unknown section"));
    CPPUNIT_ASSERT(
        load_error(dir, "admin = 5;\n").starts_with(file + ":1: key 'admin': expected a group"));
  }

  void syntax_error_reports_line() {
    TempDir dir;
    const std::string error =
        load_error(dir, "general: {\n  data_dir = \"x\";\n  log_level = ;\n};\n");
    CPPUNIT_ASSERT_MESSAGE(error, error.starts_with(dir.str() + "/meetgate.jcfg:3: syntax error"));
  }

  void validation_errors_name_the_key() {
    TempDir dir;
    const std::string file = dir.str() + "/meetgate.jcfg";
    CPPUNIT_ASSERT_EQUAL(
        file + ":1: key 'general.log_level': 'loud' is not one of error, warn, info, debug",
        load_error(dir, "general: { log_level = \"loud\"; };\n"));
    CPPUNIT_ASSERT_EQUAL(file + ":2: key 'media.rtp_port_max': must be between 1 and 65535",
                         load_error(dir, "media: {\n  rtp_port_max = 70000;\n};\n"));
    CPPUNIT_ASSERT_EQUAL(
        file + ":1: key 'media.rtp_port_max': must not be below media.rtp_port_min (30000)",
        load_error(dir, "media: { rtp_port_min = 30000; rtp_port_max = 20000; };\n"));
    CPPUNIT_ASSERT(
        load_error(dir, "storage: { database_url = \"mysql://x\"; };\n")
            .starts_with(file + ":1: key 'storage.database_url': 'mysql://x' must start with"));
    CPPUNIT_ASSERT_EQUAL(file + ":1: key 'storage.pool_size': must be between 1 and 1024",
                         load_error(dir, "storage: { pool_size = 0; };\n"));
    CPPUNIT_ASSERT(load_error(dir, "media: { dtls_cert = \"/x.pem\"; };\n").find("set together") !=
                   std::string::npos);
  }

  void missing_config_dir() {
    CPPUNIT_ASSERT_THROW(ConfigLoader::load("/nonexistent/meetgate-conf"), ConfigError);
  }

  void finalize_derives_values() {
    TempDir dir;
    CoreConfig config;
    config.config_dir = dir.str();
    config.general.data_dir = dir.str() + "/a/../data";
    config.general.public_url = "https://meet.example.com:8443/app";
    ConfigResolver::finalize(config);
    CPPUNIT_ASSERT_EQUAL(dir.str() + "/data", config.general.data_dir);
    CPPUNIT_ASSERT(std::filesystem::is_directory(config.general.data_dir));
    CPPUNIT_ASSERT(!config.general.node_id.empty());
    CPPUNIT_ASSERT(!config.general.plugins_dir.empty());
    CPPUNIT_ASSERT_EQUAL(
        std::string("ws://meet.example.com:9000"),
        ConfigResolver::derive_ws_url("https://meet.example.com:8443/app", "9000"));
    CPPUNIT_ASSERT_EQUAL(std::string("ws://localhost:8081"),
                         ConfigResolver::derive_ws_url("http://localhost:8080", nullptr));
    CPPUNIT_ASSERT_EQUAL(std::string("ws://[::1]:8081"),
                         ConfigResolver::derive_ws_url("http://[::1]:8080", ""));
  }

  void settings_resolve_database_url() {
    CoreConfig config;
    config.general.data_dir = "/var/lib/meetgate";
    config.general.development = true;
    CoreSettings settings(config);
    CPPUNIT_ASSERT_EQUAL(std::string("sqlite:///var/lib/meetgate/meetgate.db"),
                         std::string(settings.get("database_url")));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), std::string(settings.get("development")));
    CPPUNIT_ASSERT_EQUAL(std::string(""), std::string(settings.get("redis_url")));
    CPPUNIT_ASSERT(settings.get("no_such_key") == nullptr);
    config.storage.database_url = "postgresql://x/y";
    CPPUNIT_ASSERT_EQUAL(std::string("postgresql://x/y"),
                         std::string(CoreSettings(config).get("database_url")));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConfigLoaderTest);
