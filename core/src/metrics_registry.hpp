// What /metrics exports that is counted as it happens: HTTP requests (count
// by method, route and code; latency histogram by method and route) and the
// metrics plugins report through metric_add / metric_set. Gauges read at
// scrape time (sessions, process, media) are added by the HTTP dispatcher.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace meetgate::core {

class MetricsRegistry {
 public:
  static constexpr std::array<double, 12> kLatencyBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                             0.25,  0.5,   1,    2.5,   5,    10};

  void observe_http(const std::string &method, const std::string &route, int code, double seconds);
  // False (nothing recorded) when the name or labels are malformed, or the
  // name is already used with the other kind (counter vs gauge).
  bool add(const std::string &name, const std::string &labels, double delta);
  bool set(const std::string &name, const std::string &labels, double value);

  // Prometheus text exposition (format 0.0.4) of everything above.
  std::string render() const;

  // Label text k="v",k2="v2" with Prometheus names and escaped values.
  static bool valid_labels(std::string_view labels);
  static bool valid_name(std::string_view name);
  static std::string escape_label_value(std::string_view value);
  // One of the standard methods, or "OTHER" (keeps label cardinality bounded).
  static std::string normalize_method(std::string_view method);

 private:
  struct Histogram {
    std::array<unsigned long long, kLatencyBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  struct PluginMetric {
    bool counter = false;
    std::map<std::string, double> series;  // labels -> value
  };
  bool record(const std::string &name, const std::string &labels, double value, bool counter);
  void render_http(std::string &out) const;

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, unsigned long long> http_requests_;
  std::map<std::pair<std::string, std::string>, Histogram> http_latency_;
  std::map<std::string, PluginMetric> plugin_metrics_;
};

// Formats a sample value the way Prometheus expects ("+Inf", "1e+06", "3").
std::string format_metric_value(double value);

}  // namespace meetgate::core
