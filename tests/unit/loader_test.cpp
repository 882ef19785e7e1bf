// The loader against real modules (tests/fixtures): which are loaded, which
// are refused and why, and that the core runs on with the good ones.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

#include "gateway_fixture.hpp"
#include "log_capture.hpp"
#include "module_loader.hpp"

using namespace meetgate;

class LoaderTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(LoaderTest);
  CPPUNIT_TEST(loads_good_modules_and_refuses_the_rest);
  CPPUNIT_TEST(failed_init_leaves_no_routes);
  CPPUNIT_TEST(destroys_in_reverse_load_order);
  CPPUNIT_TEST(disable_by_short_name);
  CPPUNIT_TEST(missing_dir_loads_nothing);
  CPPUNIT_TEST(malformed_module_config_skips_module);
  CPPUNIT_TEST_SUITE_END();

  std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<test::LogCapture> log_;
  std::unique_ptr<core::Gateway> gateway_;

  void start(std::vector<std::string> disabled) {
    core::CoreConfig config = test::test_config(*dir_, MEETGATE_FIXTURE_PLUGIN_DIR);
    config.disabled_plugins = std::move(disabled);
    gateway_ = std::make_unique<core::Gateway>(std::move(config));
    gateway_->load_plugins();
  }
  std::vector<std::string> loaded() const {
    std::vector<std::string> packages;
    gateway_->for_each_plugin([&](const core::LoadedPlugin &p) { packages.push_back(p.package); });
    return packages;
  }

 public:
  void setUp() override {
    dir_ = std::make_unique<test::TempDir>();
    dir_->write("meetgate.plugin.fixture_flagoff.jcfg", "general: { enabled = false; };\n");
    log_ = std::make_unique<test::LogCapture>();
  }
  void tearDown() override {
    gateway_.reset();
    log_.reset();
    dir_.reset();
  }

  void loads_good_modules_and_refuses_the_rest() {
    start({"meetgate.plugin.fixture_listed", "meetgate.plugin.fixture_nonexistent"});
    const std::vector<std::string> expected = {"meetgate.plugin.fixture_good",
                                               "meetgate.plugin.fixture_second"};
    CPPUNIT_ASSERT(loaded() == expected);
    CPPUNIT_ASSERT_EQUAL(size_t(1), log_->count({"libmeetgate_plugin_fixture_nosymbol.so",
                                                 "no 'meetgate_plugin_create' symbol"}));
    CPPUNIT_ASSERT_EQUAL(size_t(1),
                         log_->count({"fixture_badapi.so", "ABI version 999", "speaks 1"}));
    CPPUNIT_ASSERT_EQUAL(
        size_t(1), log_->count({"meetgate.plugin.fixture_initfails", "failed to initialize"}));
    CPPUNIT_ASSERT_EQUAL(
        size_t(1), log_->count({"meetgate.plugin.fixture_listed", "disabled by plugins.disable"}));
    CPPUNIT_ASSERT_EQUAL(
        size_t(1), log_->count({"meetgate.plugin.fixture_flagoff", "general.enabled = false"}));
    CPPUNIT_ASSERT_EQUAL(size_t(1),
                         log_->count({"plugins.disable lists 'meetgate.plugin.fixture_nonexistent'",
                                      "matches no plugin"}));
    // init got <config_dir>/<package>.jcfg, and the plugin logs under its name.
    CPPUNIT_ASSERT_EQUAL(
        size_t(1),
        log_->count({"[fixture_good]", dir_->str() + "/meetgate.plugin.fixture_good.jcfg"}));
    // The core runs on: the good plugin serves its route.
    test::RecordingTransport transport;
    test::RecordedResponse response = transport.http("GET", "/fixture/good/x");
    CPPUNIT_ASSERT_EQUAL(200, response.status);
    CPPUNIT_ASSERT_EQUAL(std::string("good"),
                         std::string(json_string_value(json_object_get(
                             json_object_get(response.json().get(), "data"), "plugin"))));
  }

  void failed_init_leaves_no_routes() {
    start({});
    // fixture_initfails registered /fixture/initfails before failing.
    CPPUNIT_ASSERT(!gateway_->routes().match("/fixture/initfails"));
    CPPUNIT_ASSERT(gateway_->routes().match("/fixture/good"));
    test::RecordingTransport transport;
    CPPUNIT_ASSERT_EQUAL(404, transport.http("GET", "/fixture/initfails").status);
    CPPUNIT_ASSERT(gateway_->find_plugin("fixture_initfails") == nullptr);
  }

  void destroys_in_reverse_load_order() {
    start({});
    gateway_->shutdown();
    const long second = log_->index_of("fixture second destroyed");
    const long good = log_->index_of("fixture good destroyed");
    CPPUNIT_ASSERT(second >= 0 && good >= 0);
    CPPUNIT_ASSERT(second < good);
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->plugin_count());
  }

  void disable_by_short_name() {
    start({"fixture_good", "fixture_listed"});
    const std::vector<std::string> expected = {"meetgate.plugin.fixture_second"};
    CPPUNIT_ASSERT(loaded() == expected);
    CPPUNIT_ASSERT(core::ModuleLoader::listed({"auth"}, "meetgate.plugin.auth"));
    CPPUNIT_ASSERT(!core::ModuleLoader::listed({"aut"}, "meetgate.plugin.auth"));
  }

  void missing_dir_loads_nothing() {
    core::CoreConfig config = test::test_config(*dir_, dir_->str() + "/nowhere");
    gateway_ = std::make_unique<core::Gateway>(std::move(config));
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->load_plugins());
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->load_transports());
  }

  void malformed_module_config_skips_module() {
    dir_->write("meetgate.plugin.fixture_good.jcfg", "general: { enabled = ; };\n");
    start({"fixture_listed"});
    const std::vector<std::string> expected = {"meetgate.plugin.fixture_second"};
    CPPUNIT_ASSERT(loaded() == expected);
    CPPUNIT_ASSERT_EQUAL(size_t(1),
                         log_->count({"meetgate.plugin.fixture_good.jcfg:1", "syntax error"}));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LoaderTest);
