// The WebSocket transport's ABI table (meetgate/transport.h). One server per
// process: init creates it, destroy stops and frees it.
#include <meetgate/transport.h>

#include <memory>
#include <shared_mutex>

#include "ws_config.hpp"
#include "ws_server.hpp"

namespace {

using meetgate::transport::WsConfig;
using meetgate::transport::WsServer;

constexpr const char *kPackage = "meetgate.transport.websocket";

mg_transport *transport_table();

// ws_send/ws_close/query may race with destroy from other threads: the
// pointer is read under a shared lock and replaced under an exclusive one.
std::shared_mutex server_mutex;
std::unique_ptr<WsServer> server;

int transport_init(const mg_transport_callbacks *core, const char *config_path) {
  WsConfig config;
  std::string error = config.load(config_path);
  if (!error.empty()) {
    core->log(transport_table(), MG_LOG_ERROR, "bad configuration: %s", error.c_str());
    return -1;
  }
  if (!config.enabled) {
    core->log(transport_table(), MG_LOG_INFO, "disabled by general.enabled = false");
    return -1;
  }
  auto created = std::make_unique<WsServer>(core, transport_table(), std::move(config));
  error = created->start();
  if (!error.empty()) {
    core->log(transport_table(), MG_LOG_ERROR, "%s", error.c_str());
    return -1;
  }
  std::unique_lock lock(server_mutex);
  server = std::move(created);
  return 0;
}

void transport_destroy() {
  {
    // ws_closed callbacks run during stop(); the core may still call
    // ws_send/ws_close from them or from other threads meanwhile.
    std::shared_lock lock(server_mutex);
    if (server) server->stop();
  }
  std::unique_ptr<WsServer> stopped;
  std::unique_lock lock(server_mutex);
  stopped = std::move(server);
}

const char *get_package() {
  return kPackage;
}
const char *get_name() {
  return "WebSocket transport";
}
const char *get_version_string() {
  return "0.1.0";
}
const char *get_description() {
  return "JSON signaling over WebSocket (libwebsockets): sessions, keepalive, bounded queues";
}

json_t *transport_query() {
  std::shared_lock lock(server_mutex);
  return server ? server->query() : nullptr;
}

int transport_ws_send(mg_transport_conn *conn, json_t *message) {
  std::shared_lock lock(server_mutex);
  if (!server) {
    json_decref(message);
    return -1;
  }
  return server->send(conn, message);
}

void transport_ws_close(mg_transport_conn *conn, const char *reason) {
  std::shared_lock lock(server_mutex);
  if (server) server->close(conn, reason);
}

mg_transport *transport_table() {
  static mg_transport table = {
      MEETGATE_TRANSPORT_API_VERSION,
      transport_init,
      transport_destroy,
      get_package,
      get_name,
      get_version_string,
      get_description,
      transport_query,
      nullptr,  // http_send: plain HTTP here is only /health, answered directly
      transport_ws_send,
      transport_ws_close,
  };
  return &table;
}

}  // namespace

extern "C" MG_EXPORT mg_transport *meetgate_transport_create(void) {
  return transport_table();
}
