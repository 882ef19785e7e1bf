// The running core: configuration, the loaded modules and every registry
// the callbacks reach (routes, WebSocket paths, services, bus, metrics,
// pending HTTP requests, sessions). One Gateway exists per process, because
// several ABI callbacks (setting, call_service, respond_json, ...) carry no
// context pointer: they reach it through Gateway::current().
//
// Start order: media engine, plugins (so their routes exist before the first
// request), transports. Stop order: transports (connections close, sessions
// end), bus drained, plugins in reverse load order, media engine.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <vector>

#include "core_config.hpp"
#include "core_settings.hpp"
#include "event_bus.hpp"
#include "loaded_module.hpp"
#include "metrics_registry.hpp"
#include "pending_requests.hpp"
#include "redis_bus_link.hpp"
#include "route_table.hpp"
#include "service_registry.hpp"
#include "session_manager.hpp"
#include "ws_path_table.hpp"

namespace meetgate::core {

struct ExtraHeader {
  std::string name, value;
};

class Gateway {
 public:
  explicit Gateway(CoreConfig config);
  ~Gateway();
  Gateway(const Gateway &) = delete;
  Gateway &operator=(const Gateway &) = delete;

  static Gateway *current();

  // Start stages (public so tests can run them one by one).
  void start_media();
  size_t load_plugins();     // number initialized
  size_t load_transports();  // number started
  // Did an enabled transport fail to start (a port in use, ...)?
  bool transport_failed() const { return transport_failed_; }
  void shutdown();  // idempotent

  const CoreConfig &config() const { return config_; }
  const CoreSettings &settings() const { return settings_; }
  RouteTable &routes() { return routes_; }
  WsPathTable &ws_paths() { return ws_paths_; }
  ServiceRegistry &services() { return services_; }
  EventBus &bus() { return bus_; }
  MetricsRegistry &metrics() { return metrics_; }
  PendingRequests &pending() { return pending_; }
  SessionManager &sessions() { return sessions_; }
  const SessionManager &sessions() const { return sessions_; }
  const PendingRequests &pending() const { return pending_; }
  bool media_running() const { return media_running_; }
  // The Redis bus link, or nullptr when redis.url is empty (or unusable).
  const RedisBusLink *redis_link() const { return redis_link_.get(); }
  double uptime_seconds() const;

  // The short name ("auth", the package's last part) or the package of a
  // plugin/transport table; "core" for nullptr, "?" if unknown.
  std::string module_name(const void *table) const;
  std::string module_package(const void *table) const;
  // A loaded plugin by package or short name; nullptr if none.
  mg_plugin *find_plugin(std::string_view package_or_name) const;
  void for_each_plugin(const std::function<void(const LoadedPlugin &)> &visit) const;
  void for_each_transport(const std::function<void(const LoadedTransport &)> &visit) const;
  // A transport's query() (new reference or NULL); NULL once it is stopping,
  // so /health never queries a transport being destroyed.
  json_t *query_transport(mg_transport *transport) const;
  size_t plugin_count() const;
  size_t transport_count() const;

  // Answer a pending request (exactly once; a second answer is ignored with
  // a warning). `data` is stolen.
  void respond_json(mg_http_responder *responder, int status, const char *message, json_t *data,
                    const std::vector<ExtraHeader> &headers = {});
  void respond_raw(mg_http_responder *responder, const mg_http_response &response);

  const mg_core_callbacks &plugin_callbacks() const { return plugin_callbacks_; }
  const mg_transport_callbacks &transport_callbacks() const { return transport_callbacks_; }

 private:
  bool init_plugin(LoadedPlugin &plugin);
  void forget_plugin(const mg_plugin *plugin);
  void stop_transports();
  void stop_plugins();
  void report_unanswerable(int status) const;
  void link_bus_to_redis();

  CoreConfig config_;
  CoreSettings settings_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  RouteTable routes_;
  WsPathTable ws_paths_;
  ServiceRegistry services_;
  MetricsRegistry metrics_;
  PendingRequests pending_;
  SessionManager sessions_{ws_paths_};
  EventBus bus_;
  std::unique_ptr<RedisBusLink> redis_link_;  // after bus_: destroyed first
  mg_core_callbacks plugin_callbacks_{};
  mg_transport_callbacks transport_callbacks_{};
  mutable std::shared_mutex modules_mutex_;
  // Shared while a transport is queried; exclusive to mark one stopping.
  mutable std::shared_mutex transport_query_mutex_;
  std::vector<const mg_transport *> stopping_transports_;
  std::vector<LoadedPlugin> plugins_;
  std::vector<LoadedTransport> transports_;
  bool media_running_ = false;
  bool transport_failed_ = false;
  std::atomic<bool> shut_down_{false};
};

}  // namespace meetgate::core
