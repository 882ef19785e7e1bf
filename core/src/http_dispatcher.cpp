#include "http_dispatcher.hpp"

#include <string_view>

#include "admin_api.hpp"
#include "engine.hpp"
#include "health_report.hpp"
#include "process_stats.hpp"

namespace meetgate::core {

void HttpDispatcher::dispatch(mg_transport *transport, const mg_http_request *request,
                              mg_http_responder *responder) {
  const std::string path = request->path ? request->path : "/";
  const std::string method =
      MetricsRegistry::normalize_method(request->method ? request->method : "");
  auto route = gateway_.routes().match(path);
  // The core's paths are exact; "/health/x" is nobody's.
  if (route && route->owner == nullptr && route->prefix != path) route.reset();
  gateway_.pending().add(responder, PendingRequest{transport, std::chrono::steady_clock::now(),
                                                   method, route ? route->prefix : "unmatched",
                                                   request->request_id ? request->request_id : ""});
  if (!route) {
    const std::string text = "no route for " + path;
    gateway_.respond_json(responder, 404, text.c_str(), json_string(text.c_str()));
  } else if (route->owner == nullptr) {
    serve_core(route->prefix, *request, responder);
  } else if (route->owner->handle_http == nullptr) {
    gateway_.respond_json(responder, 501, "not implemented",
                          json_string("the route's plugin serves no HTTP"));
  } else {
    route->owner->handle_http(request, responder);
  }
}

void HttpDispatcher::method_not_allowed(const mg_http_request &request,
                                        mg_http_responder *responder, const char *allowed) {
  const std::string text = "method " + std::string(request.method ? request.method : "?") +
                           " not allowed on " + request.path + " (allowed: " + allowed + ")";
  gateway_.respond_json(responder, 405, "method not allowed", json_string(text.c_str()),
                        {{"Allow", allowed}});
}

void HttpDispatcher::serve_core(const std::string &prefix, const mg_http_request &request,
                                mg_http_responder *responder) {
  const std::string_view method = request.method ? request.method : "";
  const bool is_get = method == "GET" || method == "HEAD";
  if (prefix == "/health") {
    if (!is_get) return method_not_allowed(request, responder, "GET, HEAD");
    gateway_.respond_json(responder, 200, "success", HealthReport(gateway_).build().release());
  } else if (prefix == "/metrics") {
    if (!is_get) return method_not_allowed(request, responder, "GET, HEAD");
    const std::string page = metrics_page();
    mg_http_response response{};
    response.status = 200;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = reinterpret_cast<const uint8_t *>(page.data());
    response.body_len = page.size();
    gateway_.respond_raw(responder, response);
  } else if (prefix == "/admin") {
    if (method != "POST") return method_not_allowed(request, responder, "POST");
    AdminApi(gateway_).handle(request, responder);
  }
}

namespace {
void gauge(std::string &out, const std::string &name, const char *help, double value,
           const char *type = "gauge") {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  out += name + " " + format_metric_value(value) + "\n";
}
}  // namespace

std::string HttpDispatcher::metrics_page() const {
  std::string out = gateway_.metrics().render();
  gauge(out, "meetgate_sessions", "Client sessions attached to plugins.",
        static_cast<double>(gateway_.sessions().count()));
  gauge(out, "meetgate_plugins_loaded", "Plugins loaded and initialized.",
        static_cast<double>(gateway_.plugin_count()));
  gauge(out, "meetgate_transports_loaded", "Transports started.",
        static_cast<double>(gateway_.transport_count()));
  gauge(out, "meetgate_http_pending_requests", "HTTP requests waiting for their answer.",
        static_cast<double>(gateway_.pending().size()));
  gauge(out, "meetgate_uptime_seconds", "Seconds since the core started.",
        gateway_.uptime_seconds());
  gauge(out, "process_resident_memory_bytes", "Resident memory size in bytes.",
        ProcessStats::resident_memory_bytes());
  gauge(out, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
        ProcessStats::cpu_seconds_total(), "counter");
  JsonPtr media_stats = adopt_json(media::stats());
  const char *key = nullptr;
  json_t *value = nullptr;
  json_object_foreach(media_stats.get(), key, value) {
    if (!json_is_number(value) || !MetricsRegistry::valid_name(key)) continue;
    gauge(out, "meetgate_media_" + std::string(key), "Media engine statistic.",
          json_number_value(value));
  }
  return out;
}

}  // namespace meetgate::core
