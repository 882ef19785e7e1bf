#include "admin_api.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "gateway_fixture.hpp"
#include "log_capture.hpp"

using namespace meetgate;

namespace {
std::string text_at(const json_t *object, const char *key) {
  const char *text = json_string_value(json_object_get(object, key));
  return text ? text : "<missing>";
}
}  // namespace

class AdminApiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AdminApiTest);
  CPPUNIT_TEST(disabled_without_secret);
  CPPUNIT_TEST(wrong_or_missing_secret_is_403);
  CPPUNIT_TEST(malformed_body_is_400);
  CPPUNIT_TEST(list_plugins_and_routes);
  CPPUNIT_TEST(plugin_message_reaches_the_plugin);
  CPPUNIT_TEST(secret_comparison);
  CPPUNIT_TEST_SUITE_END();

  std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<test::LogCapture> log_;
  std::unique_ptr<core::Gateway> gateway_;
  std::unique_ptr<test::RecordingTransport> transport_;

  void start(const std::string &secret) {
    core::CoreConfig config = test::test_config(*dir_, MEETGATE_FIXTURE_PLUGIN_DIR);
    config.admin_secret = secret;
    gateway_ = std::make_unique<core::Gateway>(std::move(config));
    gateway_->load_plugins();
  }

 public:
  void setUp() override {
    dir_ = std::make_unique<test::TempDir>();
    log_ = std::make_unique<test::LogCapture>();
    transport_ = std::make_unique<test::RecordingTransport>();
  }
  void tearDown() override {
    gateway_.reset();
    transport_.reset();
    log_.reset();
    dir_.reset();
  }

  void disabled_without_secret() {
    start("");
    CPPUNIT_ASSERT_EQUAL(
        404, transport_->http("POST", "/admin", R"({"admin_secret":"","request":"list_plugins"})")
                 .status);
  }
  void wrong_or_missing_secret_is_403() {
    start("topsecret");
    CPPUNIT_ASSERT_EQUAL(
        403,
        transport_->http("POST", "/admin", R"({"admin_secret":"nope","request":"list_plugins"})")
            .status);
    CPPUNIT_ASSERT_EQUAL(
        403, transport_->http("POST", "/admin", R"({"request":"list_plugins"})").status);
    CPPUNIT_ASSERT_EQUAL(
        403,
        transport_
            ->http("POST", "/admin", R"({"admin_secret":"topsecretX","request":"list_plugins"})")
            .status);
  }
  void malformed_body_is_400() {
    start("topsecret");
    CPPUNIT_ASSERT_EQUAL(400, transport_->http("POST", "/admin", "{not json").status);
    CPPUNIT_ASSERT_EQUAL(400, transport_->http("POST", "/admin", "[1]").status);
    CPPUNIT_ASSERT_EQUAL(400, transport_->http("POST", "/admin", "").status);
    test::RecordedResponse unknown =
        transport_->http("POST", "/admin", R"({"admin_secret":"topsecret","request":"reboot"})");
    CPPUNIT_ASSERT_EQUAL(400, unknown.status);
    CPPUNIT_ASSERT(text_at(unknown.json().get(), "error").find("reboot") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(
        400,
        transport_
            ->http("POST", "/admin", R"({"admin_secret":"topsecret","request":"plugin_message"})")
            .status);
  }
  void list_plugins_and_routes() {
    start("topsecret");
    test::RecordedResponse response = transport_->http(
        "POST", "/admin", R"({"admin_secret":"topsecret","request":"list_plugins"})");
    CPPUNIT_ASSERT_EQUAL(200, response.status);
    core::JsonPtr body = response.json();
    json_t *plugins = json_object_get(json_object_get(body.get(), "data"), "plugins");
    CPPUNIT_ASSERT(json_array_size(plugins) >= 2);
    test::RecordedResponse routes = transport_->http(
        "POST", "/admin", R"({"admin_secret":"topsecret","request":"list_routes"})");
    const std::string text = routes.body;
    CPPUNIT_ASSERT(
        text.find(
            R"("prefix":"/fixture/good","owner":"meetgate.plugin.fixture_good","max_body":1024)") !=
        std::string::npos);
    CPPUNIT_ASSERT(text.find(R"("prefix":"/health","owner":"core")") != std::string::npos);
    test::RecordedResponse sessions = transport_->http(
        "POST", "/admin", R"({"admin_secret":"topsecret","request":"list_sessions"})");
    CPPUNIT_ASSERT_EQUAL(200, sessions.status);
    CPPUNIT_ASSERT(
        json_is_array(json_object_get(json_object_get(sessions.json().get(), "data"), "sessions")));
  }
  void plugin_message_reaches_the_plugin() {
    start("topsecret");
    test::RecordedResponse response = transport_->http(
        "POST", "/admin",
        R"({"admin_secret":"topsecret","request":"plugin_message","plugin":"meetgate.plugin.fixture_second","message":{"q":1}})");
    CPPUNIT_ASSERT_EQUAL(200, response.status);
    core::JsonPtr body = response.json();
    json_t *data = json_object_get(body.get(), "data");
    CPPUNIT_ASSERT_EQUAL(std::string("meetgate.plugin.fixture_second"), text_at(data, "plugin"));
    CPPUNIT_ASSERT_EQUAL(
        1, static_cast<int>(json_integer_value(
               json_object_get(json_object_get(json_object_get(data, "response"), "asked"), "q"))));
    CPPUNIT_ASSERT_EQUAL(
        404,
        transport_
            ->http(
                "POST", "/admin",
                R"({"admin_secret":"topsecret","request":"plugin_message","plugin":"nope","message":{}})")
            .status);
  }
  void secret_comparison() {
    CPPUNIT_ASSERT(core::AdminApi::secret_matches("abc", "abc"));
    CPPUNIT_ASSERT(!core::AdminApi::secret_matches("abc", "abd"));
    CPPUNIT_ASSERT(!core::AdminApi::secret_matches("abc", "ab"));
    CPPUNIT_ASSERT(!core::AdminApi::secret_matches("abc", nullptr));
    CPPUNIT_ASSERT(!core::AdminApi::secret_matches("", ""));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AdminApiTest);
