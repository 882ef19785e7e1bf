#include "metrics_registry.hpp"

#include <cppunit/extensions/HelperMacros.h>

using meetgate::core::MetricsRegistry;

namespace {
bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

class MetricsRegistryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MetricsRegistryTest);
  CPPUNIT_TEST(http_counters_and_histogram);
  CPPUNIT_TEST(plugin_counters_and_gauges);
  CPPUNIT_TEST(malformed_metrics_are_refused);
  CPPUNIT_TEST(label_validation);
  CPPUNIT_TEST(methods_are_normalized);
  CPPUNIT_TEST_SUITE_END();

 public:
  void http_counters_and_histogram() {
    MetricsRegistry metrics;
    metrics.observe_http("GET", "/health", 200, 0.0004);
    metrics.observe_http("GET", "/health", 200, 0.02);
    metrics.observe_http("POST", "/api/v1/login", 401, 3.0);
    const std::string page = metrics.render();
    CPPUNIT_ASSERT(contains(page, "# TYPE http_requests_total counter\n"));
    CPPUNIT_ASSERT(
        contains(page, "http_requests_total{method=\"GET\",route=\"/health\",code=\"200\"} 2\n"));
    CPPUNIT_ASSERT(contains(
        page, "http_requests_total{method=\"POST\",route=\"/api/v1/login\",code=\"401\"} 1\n"));
    CPPUNIT_ASSERT(contains(page, "# TYPE http_request_duration_seconds histogram\n"));
    CPPUNIT_ASSERT(contains(
        page,
        "http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"0.001\"} 1\n"));
    CPPUNIT_ASSERT(contains(
        page,
        "http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"0.01\"} 1\n"));
    CPPUNIT_ASSERT(contains(
        page,
        "http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"0.025\"} 2\n"));
    CPPUNIT_ASSERT(contains(
        page,
        "http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"+Inf\"} 2\n"));
    CPPUNIT_ASSERT(contains(
        page, "http_request_duration_seconds_count{method=\"GET\",route=\"/health\"} 2\n"));
    CPPUNIT_ASSERT(contains(page,
                            "http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/"
                            "login\",le=\"2.5\"} 0\n"));
    CPPUNIT_ASSERT(contains(page,
                            "http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/"
                            "login\",le=\"5\"} 1\n"));
    CPPUNIT_ASSERT(contains(page,
                            "http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/"
                            "login\",le=\"10\"} 1\n"));
    CPPUNIT_ASSERT(contains(
        page, "http_request_duration_seconds_sum{method=\"POST\",route=\"/api/v1/login\"} 3\n"));
  }
  void plugin_counters_and_gauges() {
    MetricsRegistry metrics;
    CPPUNIT_ASSERT(metrics.add("logins_total", "result=\"ok\"", 1));
    CPPUNIT_ASSERT(metrics.add("logins_total", "result=\"ok\"", 2));
    CPPUNIT_ASSERT(metrics.add("logins_total", "result=\"bad\"", 1));
    CPPUNIT_ASSERT(metrics.set("rooms", "", 4));
    CPPUNIT_ASSERT(metrics.set("rooms", "", 2.5));
    const std::string page = metrics.render();
    CPPUNIT_ASSERT(contains(page, "# TYPE meetgate_logins_total counter\n"));
    CPPUNIT_ASSERT(contains(page, "meetgate_logins_total{result=\"ok\"} 3\n"));
    CPPUNIT_ASSERT(contains(page, "meetgate_logins_total{result=\"bad\"} 1\n"));
    CPPUNIT_ASSERT(contains(page, "# TYPE meetgate_rooms gauge\nmeetgate_rooms 2.5\n"));
  }
  void malformed_metrics_are_refused() {
    MetricsRegistry metrics;
    CPPUNIT_ASSERT(!metrics.add("bad name", "", 1));
    CPPUNIT_ASSERT(!metrics.add("9lives", "", 1));
    CPPUNIT_ASSERT(!metrics.add("ok", "a=b", 1));
    CPPUNIT_ASSERT(!metrics.add("ok", "", -1));  // counters only go up
    CPPUNIT_ASSERT(metrics.add("kind", "", 1));
    CPPUNIT_ASSERT(!metrics.set("kind", "", 1));  // a counter stays a counter
    CPPUNIT_ASSERT(!contains(metrics.render(), "meetgate_ok"));
  }
  void label_validation() {
    CPPUNIT_ASSERT(MetricsRegistry::valid_labels(""));
    CPPUNIT_ASSERT(MetricsRegistry::valid_labels("a=\"1\""));
    CPPUNIT_ASSERT(MetricsRegistry::valid_labels("a=\"1\",b_2=\"x \\\" y\""));
    CPPUNIT_ASSERT(!MetricsRegistry::valid_labels("a=\"1\","));
    CPPUNIT_ASSERT(!MetricsRegistry::valid_labels("a=\"1"));
    CPPUNIT_ASSERT(!MetricsRegistry::valid_labels("=\"1\""));
    CPPUNIT_ASSERT(!MetricsRegistry::valid_labels("a=\"1\"}x{b=\"2\""));
    CPPUNIT_ASSERT_EQUAL(std::string("a\\\"b\\\\c\\n"),
                         MetricsRegistry::escape_label_value("a\"b\\c\n"));
  }
  void methods_are_normalized() {
    CPPUNIT_ASSERT_EQUAL(std::string("GET"), MetricsRegistry::normalize_method("GET"));
    CPPUNIT_ASSERT_EQUAL(std::string("OTHER"), MetricsRegistry::normalize_method("BREW"));
    CPPUNIT_ASSERT_EQUAL(std::string("OTHER"), MetricsRegistry::normalize_method("get"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsRegistryTest);
