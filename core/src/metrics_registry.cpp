#include "metrics_registry.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace meetgate::core {

std::string format_metric_value(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", value);
  // Prefer the short form when it round-trips ("0.25", not "0.25000000000000000").
  char shorter[64];
  std::snprintf(shorter, sizeof shorter, "%g", value);
  return std::strtod(shorter, nullptr) == value ? shorter : text;
}

std::string MetricsRegistry::normalize_method(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return std::string(known);
  }
  return "OTHER";
}

std::string MetricsRegistry::escape_label_value(std::string_view value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\')
      escaped += "\\\\";
    else if (c == '"')
      escaped += "\\\"";
    else if (c == '\n')
      escaped += "\\n";
    else
      escaped += c;
  }
  return escaped;
}

namespace {
bool name_char(char c, bool first) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return first ? letter : letter || (c >= '0' && c <= '9');
}
}  // namespace

bool MetricsRegistry::valid_name(std::string_view name) {
  if (name.empty() || !name_char(name[0], true)) return false;
  for (char c : name) {
    if (!name_char(c, false)) return false;
  }
  return true;
}

bool MetricsRegistry::valid_labels(std::string_view labels) {
  size_t i = 0;
  while (i < labels.size()) {
    const size_t name_start = i;
    while (i < labels.size() && name_char(labels[i], i == name_start)) ++i;
    if (i == name_start || i + 1 >= labels.size() || labels[i] != '=' || labels[i + 1] != '"') {
      return false;
    }
    i += 2;
    while (i < labels.size() && labels[i] != '"') {
      if (labels[i] == '\n') return false;
      i += labels[i] == '\\' ? 2 : 1;
    }
    if (i >= labels.size()) return false;  // unterminated value
    ++i;                                   // closing quote
    if (i == labels.size()) return true;
    if (labels[i] != ',') return false;
    ++i;
    if (i == labels.size()) return false;  // trailing comma
  }
  return true;
}

void MetricsRegistry::observe_http(const std::string &method, const std::string &route, int code,
                                   double seconds) {
  std::lock_guard lock(mutex_);
  ++http_requests_[{method, route, code}];
  Histogram &histogram = http_latency_[{method, route}];
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

bool MetricsRegistry::record(const std::string &name, const std::string &labels, double value,
                             bool counter) {
  if (!valid_name(name) || !valid_labels(labels)) return false;
  if (counter && value < 0) return false;
  std::lock_guard lock(mutex_);
  auto [entry, created] = plugin_metrics_.try_emplace(name);
  if (created) entry->second.counter = counter;
  if (entry->second.counter != counter) return false;
  double &sample = entry->second.series[labels];
  sample = counter ? sample + value : value;
  return true;
}

bool MetricsRegistry::add(const std::string &name, const std::string &labels, double delta) {
  return record(name, labels, delta, true);
}

bool MetricsRegistry::set(const std::string &name, const std::string &labels, double value) {
  return record(name, labels, value, false);
}

void MetricsRegistry::render_http(std::string &out) const {
  out += "# HELP http_requests_total HTTP requests answered, by method, route and status code.\n";
  out += "# TYPE http_requests_total counter\n";
  for (const auto &[key, count] : http_requests_) {
    const auto &[method, route, code] = key;
    out += "http_requests_total{method=\"" + escape_label_value(method) + "\",route=\"" +
           escape_label_value(route) + "\",code=\"" + std::to_string(code) + "\"} " +
           std::to_string(count) + "\n";
  }
  out += "# HELP http_request_duration_seconds Time from request to answer.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  for (const auto &[key, histogram] : http_latency_) {
    const std::string labels = "method=\"" + escape_label_value(key.first) + "\",route=\"" +
                               escape_label_value(key.second) + "\"";
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      out += "http_request_duration_seconds_bucket{" + labels + ",le=\"" +
             format_metric_value(kLatencyBuckets[i]) + "\"} " +
             std::to_string(histogram.buckets[i]) + "\n";
    }
    out += "http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(histogram.count) + "\n";
    out += "http_request_duration_seconds_sum{" + labels + "} " +
           format_metric_value(histogram.sum) + "\n";
    out += "http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(histogram.count) + "\n";
  }
}

std::string MetricsRegistry::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  render_http(out);
  for (const auto &[name, metric] : plugin_metrics_) {
    const std::string full_name = "meetgate_" + name;
    out += "# TYPE " + full_name + (metric.counter ? " counter\n" : " gauge\n");
    for (const auto &[labels, value] : metric.series) {
      out += full_name + (labels.empty() ? "" : "{" + labels + "}") + " " +
             format_metric_value(value) + "\n";
    }
  }
  return out;
}

}  // namespace meetgate::core
