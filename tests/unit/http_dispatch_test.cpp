// HTTP routing through the real Gateway with the fixture plugins loaded and
// an in-process transport recording the answers.
#include <cppunit/extensions/HelperMacros.h>

#include <thread>

#include "gateway_fixture.hpp"
#include "log_capture.hpp"

using namespace meetgate;

namespace {
bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}
std::string text_at(const json_t *object, const char *key) {
  const char *text = json_string_value(json_object_get(object, key));
  return text ? text : "<missing>";
}
}  // namespace

class HttpDispatchTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HttpDispatchTest);
  CPPUNIT_TEST(health_reports_the_gateway);
  CPPUNIT_TEST(core_paths_refuse_other_methods);
  CPPUNIT_TEST(unknown_path_is_404_envelope);
  CPPUNIT_TEST(plugin_route_gets_the_request);
  CPPUNIT_TEST(late_answer_from_another_thread);
  CPPUNIT_TEST(second_answer_is_ignored);
  CPPUNIT_TEST(metrics_page);
  CPPUNIT_TEST(services_and_bus_through_callbacks);
  CPPUNIT_TEST_SUITE_END();

  std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<test::LogCapture> log_;
  std::unique_ptr<core::Gateway> gateway_;
  std::unique_ptr<test::RecordingTransport> transport_;

 public:
  void setUp() override {
    dir_ = std::make_unique<test::TempDir>();
    log_ = std::make_unique<test::LogCapture>();
    core::CoreConfig config = test::test_config(*dir_, MEETGATE_FIXTURE_PLUGIN_DIR);
    config.disabled_plugins = {"fixture_listed", "fixture_flagoff"};
    gateway_ = std::make_unique<core::Gateway>(std::move(config));
    gateway_->load_plugins();
    transport_ = std::make_unique<test::RecordingTransport>();
  }
  void tearDown() override {
    gateway_.reset();
    transport_.reset();
    log_.reset();
    dir_.reset();
  }

  void health_reports_the_gateway() {
    test::RecordedResponse response = transport_->http("GET", "/health");
    CPPUNIT_ASSERT_EQUAL(200, response.status);
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"), response.content_type);
    core::JsonPtr body = response.json();
    CPPUNIT_ASSERT_EQUAL(200,
                         static_cast<int>(json_integer_value(json_object_get(body.get(), "code"))));
    CPPUNIT_ASSERT_EQUAL(std::string("req-test"), text_at(body.get(), "request_id"));
    json_t *data = json_object_get(body.get(), "data");
    CPPUNIT_ASSERT_EQUAL(std::string("ok"), text_at(data, "status"));
    CPPUNIT_ASSERT_EQUAL(std::string("test-node"), text_at(data, "node_id"));
    CPPUNIT_ASSERT_EQUAL(std::string(MEETGATE_VERSION_FOR_TESTS), text_at(data, "version"));
    CPPUNIT_ASSERT(json_is_integer(json_object_get(data, "uptime_seconds")));
    CPPUNIT_ASSERT_EQUAL(0,
                         static_cast<int>(json_integer_value(json_object_get(data, "sessions"))));
    CPPUNIT_ASSERT(json_is_object(json_object_get(data, "media")));
    json_t *plugins = json_object_get(data, "plugins");
    CPPUNIT_ASSERT_EQUAL(size_t(2), json_array_size(plugins));
    CPPUNIT_ASSERT_EQUAL(std::string("meetgate.plugin.fixture_good"),
                         text_at(json_array_get(plugins, 0), "package"));
    CPPUNIT_ASSERT_EQUAL(std::string("fixture_good"), text_at(json_array_get(plugins, 0), "name"));
    CPPUNIT_ASSERT_EQUAL(std::string("1.0.0"), text_at(json_array_get(plugins, 0), "version"));
    CPPUNIT_ASSERT_EQUAL(std::string("loader test fixture"),
                         text_at(json_array_get(plugins, 0), "description"));
    CPPUNIT_ASSERT(json_is_array(json_object_get(data, "transports")));
  }

  void core_paths_refuse_other_methods() {
    test::RecordedResponse response = transport_->http("POST", "/health");
    CPPUNIT_ASSERT_EQUAL(405, response.status);
    CPPUNIT_ASSERT_EQUAL(std::string("GET, HEAD"), response.headers["Allow"]);
    CPPUNIT_ASSERT(json_is_string(json_object_get(response.json().get(), "error")));
    CPPUNIT_ASSERT_EQUAL(405, transport_->http("DELETE", "/metrics").status);
    CPPUNIT_ASSERT_EQUAL(405, transport_->http("GET", "/admin").status);
  }

  void unknown_path_is_404_envelope() {
    test::RecordedResponse response = transport_->http("GET", "/api/v1/nothing");
    CPPUNIT_ASSERT_EQUAL(404, response.status);
    core::JsonPtr body = response.json();
    CPPUNIT_ASSERT_EQUAL(std::string("no route for /api/v1/nothing"),
                         text_at(body.get(), "message"));
    CPPUNIT_ASSERT_EQUAL(404,
                         static_cast<int>(json_integer_value(json_object_get(body.get(), "code"))));
    // The core's paths are exact.
    CPPUNIT_ASSERT_EQUAL(404, transport_->http("GET", "/health/extra").status);
    CPPUNIT_ASSERT_EQUAL(404, transport_->http("GET", "/fixture/goodX").status);
  }

  void plugin_route_gets_the_request() {
    test::RecordedResponse response =
        transport_->http("PUT", "/fixture/second/item/3", "{}", "a=1");
    CPPUNIT_ASSERT_EQUAL(200, response.status);
    core::JsonPtr body = response.json();
    json_t *data = json_object_get(body.get(), "data");
    CPPUNIT_ASSERT_EQUAL(std::string("second"), text_at(data, "plugin"));
    CPPUNIT_ASSERT_EQUAL(std::string("PUT"), text_at(data, "method"));
    CPPUNIT_ASSERT_EQUAL(std::string("/fixture/second/item/3"), text_at(data, "path"));
    CPPUNIT_ASSERT_EQUAL(std::string("a=1"), text_at(data, "query"));
    CPPUNIT_ASSERT_EQUAL(size_t(1024),
                         gateway_->transport_callbacks().max_body_for("/fixture/second/x"));
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->transport_callbacks().max_body_for("/nowhere"));
  }

  void late_answer_from_another_thread() {
    test::RecordedResponse response = transport_->http("POST", "/fixture/good", "late");
    CPPUNIT_ASSERT_EQUAL(202, response.status);
    CPPUNIT_ASSERT_EQUAL(std::string("late"), text_at(response.json().get(), "message"));
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->pending().size());
  }

  void second_answer_is_ignored() {
    auto token = std::make_unique<char>();
    auto *responder = reinterpret_cast<mg_http_responder *>(token.get());
    gateway_->pending().add(
        responder, core::PendingRequest{transport_->table(), std::chrono::steady_clock::now(),
                                        "GET", "/x", ""});
    const size_t before = transport_->answers();
    gateway_->plugin_callbacks().respond_json(responder, 200, "first", nullptr);
    gateway_->plugin_callbacks().respond_json(responder, 500, "second", json_string("ignored"));
    CPPUNIT_ASSERT_EQUAL(before + 1, transport_->answers());
    CPPUNIT_ASSERT_EQUAL(size_t(1), log_->count({"second answer (status 500)", "ignored"}));
  }

  void metrics_page() {
    transport_->http("GET", "/health");
    transport_->http("GET", "/fixture/good/a/b");
    transport_->http("GET", "/secret/path/123");
    test::RecordedResponse response = transport_->http("GET", "/metrics");
    CPPUNIT_ASSERT_EQUAL(200, response.status);
    CPPUNIT_ASSERT(response.content_type.starts_with("text/plain; version=0.0.4"));
    const std::string &page = response.body;
    CPPUNIT_ASSERT(
        contains(page, "http_requests_total{method=\"GET\",route=\"/health\",code=\"200\"} 1\n"));
    CPPUNIT_ASSERT(contains(
        page, "http_requests_total{method=\"GET\",route=\"/fixture/good\",code=\"200\"} 1\n"));
    CPPUNIT_ASSERT(
        contains(page, "http_requests_total{method=\"GET\",route=\"unmatched\",code=\"404\"} 1\n"));
    CPPUNIT_ASSERT(!contains(page, "/secret/path"));
    CPPUNIT_ASSERT(contains(
        page,
        "http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"10\"} 1\n"));
    CPPUNIT_ASSERT(contains(page, "meetgate_sessions 0\n"));
    CPPUNIT_ASSERT(contains(page, "meetgate_plugins_loaded 2\n"));
    CPPUNIT_ASSERT(contains(page, "meetgate_transports_loaded 0\n"));
    CPPUNIT_ASSERT(contains(page, "meetgate_fixture_requests_total{plugin=\"good\"} 1\n"));
    CPPUNIT_ASSERT(contains(page, "# TYPE process_cpu_seconds_total counter\n"));
    const size_t rss = page.find("\nprocess_resident_memory_bytes ");
    CPPUNIT_ASSERT(rss != std::string::npos);
    CPPUNIT_ASSERT(std::stod(page.substr(rss + 31)) > 1e6);
  }

  void services_and_bus_through_callbacks() {
    const mg_core_callbacks &core = gateway_->plugin_callbacks();
    core::JsonPtr request = core::adopt_json(json_pack("{s:s}", "hello", "world"));
    json_t *response = nullptr;
    CPPUNIT_ASSERT_EQUAL(0, core.call_service("fixture_good.echo", request.get(), &response));
    core::JsonPtr owned = core::adopt_json(response);
    CPPUNIT_ASSERT(json_equal(request.get(), response));
    json_t *missing = nullptr;
    CPPUNIT_ASSERT_EQUAL(503, core.call_service("auth.verify_token", request.get(), &missing));
    core::JsonPtr owned_missing = core::adopt_json(missing);
    CPPUNIT_ASSERT(json_is_string(missing));
    // Both fixtures subscribed to "fixture.*"; a topic outside is not delivered.
    core.publish(nullptr, "fixture.ping", request.get());
    core.publish(nullptr, "other.ping", request.get());
    gateway_->bus().drain();
    for (const char *name : {"fixture_good", "fixture_second"}) {
      mg_plugin *plugin = gateway_->find_plugin(name);
      core::JsonPtr answer = core::adopt_json(plugin->handle_admin_message(request.get()));
      CPPUNIT_ASSERT_EQUAL(
          1, static_cast<int>(json_integer_value(json_object_get(answer.get(), "events"))));
      CPPUNIT_ASSERT_EQUAL(std::string("fixture.ping"), text_at(answer.get(), "last_topic"));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("0"), std::string(core.setting("development")));
    CPPUNIT_ASSERT(std::string(core.setting("data_dir")).starts_with(dir_->str()));
    CPPUNIT_ASSERT(core.setting("nope") == nullptr);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpDispatchTest);
