#include "gateway.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>

#include "engine.hpp"
#include "envelope.hpp"
#include "logger.hpp"
#include "media_fallbacks.hpp"
#include "module_loader.hpp"
#include "plugin_callbacks.hpp"
#include "transport_callbacks.hpp"

namespace meetgate::core {

namespace {
std::atomic<Gateway *> current_gateway{nullptr};

bool read_file(const std::string &path, std::string &contents) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream buffer;
  buffer << file.rdbuf();
  contents = buffer.str();
  return true;
}
}  // namespace

Gateway::Gateway(CoreConfig config) : config_(std::move(config)), settings_(config_) {
  plugin_callbacks_ = make_plugin_callbacks();
  media::fill_callbacks(plugin_callbacks_);
  fill_missing_media_callbacks(plugin_callbacks_);
  transport_callbacks_ = make_transport_callbacks();
  // The core's own paths are taken first: no plugin can claim them.
  routes_.add("/health", nullptr, 0);
  routes_.add("/metrics", nullptr, 0);
  routes_.add("/admin", nullptr, 64 * 1024);
  Gateway *expected = nullptr;
  if (!current_gateway.compare_exchange_strong(expected, this)) {
    throw std::logic_error("only one Gateway may exist at a time");
  }
  if (!config_.redis_url.empty()) link_bus_to_redis();
}

void Gateway::link_bus_to_redis() {
  // Unique per process, so a node ignores its own events coming back.
  std::random_device random;
  const std::string origin =
      config_.general.node_id + ":" + std::to_string(getpid()) + ":" + std::to_string(random());
  auto link = std::make_unique<RedisBusLink>(bus_, config_.redis_url, origin);
  std::string error;
  if (!link->start(error)) {
    log_core(MG_LOG_ERROR, "redis bus: %s; bus events stay on this node", error.c_str());
    return;
  }
  redis_link_ = std::move(link);
  bus_.set_forwarder([link = redis_link_.get()](const std::string &topic, const json_t *event) {
    link->forward(topic, event);
  });
}

Gateway::~Gateway() {
  shutdown();
  current_gateway.store(nullptr);
}

Gateway *Gateway::current() {
  return current_gateway.load();
}

double Gateway::uptime_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void Gateway::start_media() {
  media::EngineConfig engine = config_.media.engine;
  const MediaConfig &media_config = config_.media;
  if (!media_config.dtls_cert_file.empty() &&
      (!read_file(media_config.dtls_cert_file, engine.dtls_cert_pem) ||
       !read_file(media_config.dtls_key_file, engine.dtls_key_pem))) {
    log_core(MG_LOG_ERROR,
             "media: cannot read media.dtls_cert '%s' or media.dtls_key '%s'; "
             "running without media",
             media_config.dtls_cert_file.c_str(), media_config.dtls_key_file.c_str());
    return;
  }
  std::string error;
  if (!media::start(engine, error)) {
    log_core(MG_LOG_ERROR, "media engine failed to start: %s; running without media",
             error.c_str());
    return;
  }
  media_running_ = true;
  log_core(MG_LOG_INFO, "media engine started (RTP ports %d-%d)", engine.rtp_port_min,
           engine.rtp_port_max);
}

void Gateway::forget_plugin(const mg_plugin *plugin) {
  routes_.remove_owner(plugin);
  ws_paths_.remove_owner(plugin);
  services_.remove_provider(plugin);
  bus_.remove_subscriber(plugin);
}

bool Gateway::init_plugin(LoadedPlugin &plugin) {
  const int status = plugin.table->init(&plugin_callbacks_, plugin.config_path.c_str());
  if (status != 0) {
    log_core(MG_LOG_ERROR, "plugin %s failed to initialize (init returned %d); skipped",
             plugin.package.c_str(), status);
    forget_plugin(plugin.table);
    return false;
  }
  log_core(MG_LOG_INFO, "plugin %s %s loaded (%s)", plugin.package.c_str(), plugin.version.c_str(),
           plugin.file.c_str());
  return true;
}

size_t Gateway::load_plugins() {
  auto found = ModuleLoader::discover<mg_plugin>(
      {config_.general.plugins_dir, config_.disabled_plugins, config_.config_dir});
  size_t initialized = 0;
  for (LoadedPlugin &candidate : found) {
    {
      // Listed before init, so the plugin's log lines carry its name.
      std::unique_lock lock(modules_mutex_);
      plugins_.push_back(std::move(candidate));
    }
    if (init_plugin(plugins_.back())) {
      ++initialized;
      continue;
    }
    std::unique_lock lock(modules_mutex_);
    plugins_.pop_back();
  }
  log_core(MG_LOG_INFO, "%zu plugin(s) loaded from %s", initialized,
           config_.general.plugins_dir.c_str());
  return initialized;
}

size_t Gateway::load_transports() {
  auto found = ModuleLoader::discover<mg_transport>(
      {config_.general.transports_dir, config_.disabled_transports, config_.config_dir});
  size_t started = 0;
  for (LoadedTransport &candidate : found) {
    {
      std::unique_lock lock(modules_mutex_);
      transports_.push_back(std::move(candidate));
    }
    LoadedTransport &transport = transports_.back();
    const int status = transport.table->init(&transport_callbacks_, transport.config_path.c_str());
    if (status == 0) {
      log_core(MG_LOG_INFO, "transport %s %s started", transport.package.c_str(),
               transport.version.c_str());
      ++started;
      continue;
    }
    log_core(MG_LOG_ERROR, "transport %s failed: init returned %d (its reason is logged above)",
             transport.package.c_str(), status);
    transport_failed_ = true;
    pending_.forget_transport(transport.table);
    std::unique_lock lock(modules_mutex_);
    transports_.pop_back();
  }
  return started;
}

void Gateway::stop_transports() {
  std::vector<mg_transport *> tables;
  for_each_transport([&tables](const LoadedTransport &t) { tables.push_back(t.table); });
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
    // Answers still in flight to this transport are dropped; the transport
    // answers its pending requests with 503 and closes its connections.
    {
      std::unique_lock stopping(transport_query_mutex_);
      stopping_transports_.push_back(*it);
    }
    pending_.forget_transport(*it);
    (*it)->destroy();
    pending_.forget_transport(*it);
    log_core(MG_LOG_INFO, "transport %s stopped", module_package(*it).c_str());
  }
  // Whatever a transport did not close is ended here.
  sessions_.close_all();
  std::unique_lock lock(modules_mutex_);
  transports_.clear();
}

void Gateway::stop_plugins() {
  std::vector<mg_plugin *> tables;
  for_each_plugin([&tables](const LoadedPlugin &p) { tables.push_back(p.table); });
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
    bus_.remove_subscriber(*it);
    (*it)->destroy();
    forget_plugin(*it);
    log_core(MG_LOG_INFO, "plugin %s stopped", module_package(*it).c_str());
  }
  std::unique_lock lock(modules_mutex_);
  while (!plugins_.empty()) plugins_.pop_back();  // unload in reverse order too
}

void Gateway::shutdown() {
  if (shut_down_.exchange(true)) return;
  stop_transports();
  bus_.drain();
  stop_plugins();
  if (redis_link_) redis_link_->stop();
  bus_.stop();
  if (media_running_) {
    media::stop();
    media_running_ = false;
  }
}

std::string Gateway::module_name(const void *table) const {
  const std::string package = module_package(table);
  // "meetgate.plugin.auth" -> "auth": short, and free of spaces for log tags.
  return package.substr(package.rfind('.') + 1);
}

std::string Gateway::module_package(const void *table) const {
  if (table == nullptr) return "core";
  std::shared_lock lock(modules_mutex_);
  for (const auto &p : plugins_) {
    if (p.table == table) return p.package;
  }
  for (const auto &t : transports_) {
    if (t.table == table) return t.package;
  }
  return "?";
}

mg_plugin *Gateway::find_plugin(std::string_view package_or_name) const {
  std::shared_lock lock(modules_mutex_);
  for (const auto &p : plugins_) {
    if (p.package == package_or_name || p.name == package_or_name ||
        ModuleLoader::listed({std::string(package_or_name)}, p.package)) {
      return p.table;
    }
  }
  return nullptr;
}

void Gateway::for_each_plugin(const std::function<void(const LoadedPlugin &)> &visit) const {
  std::shared_lock lock(modules_mutex_);
  for (const auto &p : plugins_) visit(p);
}

void Gateway::for_each_transport(const std::function<void(const LoadedTransport &)> &visit) const {
  std::shared_lock lock(modules_mutex_);
  for (const auto &t : transports_) visit(t);
}

json_t *Gateway::query_transport(mg_transport *transport) const {
  std::shared_lock lock(transport_query_mutex_);
  if (transport->query == nullptr ||
      std::find(stopping_transports_.begin(), stopping_transports_.end(), transport) !=
          stopping_transports_.end()) {
    return nullptr;
  }
  return transport->query();
}

size_t Gateway::plugin_count() const {
  std::shared_lock lock(modules_mutex_);
  return plugins_.size();
}

size_t Gateway::transport_count() const {
  std::shared_lock lock(modules_mutex_);
  return transports_.size();
}

void Gateway::report_unanswerable(int status) const {
  // During shutdown the transports already answered their pending requests
  // with 503: a plugin's late answer is expected then, not a bug.
  log_core(shut_down_ ? MG_LOG_DEBUG : MG_LOG_WARN,
           "a second answer (status %d) to an HTTP request was ignored (already answered, or "
           "its transport is gone)",
           status);
}

void Gateway::respond_json(mg_http_responder *responder, int status, const char *message,
                           json_t *data, const std::vector<ExtraHeader> &headers) {
  JsonPtr owned_data = adopt_json(data);
  if (status < 100 || status > 599) {
    log_core(MG_LOG_WARN, "respond_json with invalid status %d; answering 500", status);
    status = 500;
  }
  const bool answered = pending_.answer(responder, [&](const PendingRequest &request) {
    JsonPtr envelope = make_envelope(status, message, owned_data.release(), request.request_id);
    const std::string body = dump_json(envelope.get());
    std::vector<mg_header> wire_headers;
    for (const ExtraHeader &h : headers) wire_headers.push_back({h.name.c_str(), h.value.c_str()});
    mg_http_response response{};
    response.status = status;
    response.content_type = "application/json";
    response.headers = wire_headers.empty() ? nullptr : wire_headers.data();
    response.header_count = wire_headers.size();
    response.body = reinterpret_cast<const uint8_t *>(body.data());
    response.body_len = body.size();
    request.transport->http_send(responder, &response);
    metrics_.observe_http(
        request.method, request.route, status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - request.started).count());
  });
  if (!answered) report_unanswerable(status);
}

void Gateway::respond_raw(mg_http_responder *responder, const mg_http_response &response) {
  const bool answered = pending_.answer(responder, [&](const PendingRequest &request) {
    request.transport->http_send(responder, &response);
    metrics_.observe_http(
        request.method, request.route, response.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - request.started).count());
  });
  if (!answered) report_unanswerable(response.status);
}

}  // namespace meetgate::core
