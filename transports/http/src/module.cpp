// The HTTP transport's ABI table (meetgate/transport.h). One server per
// process: init creates it, destroy stops and frees it.
#include <meetgate/transport.h>

#include <memory>
#include <shared_mutex>

#include "http_config.hpp"
#include "http_server.hpp"

namespace {

using meetgate::transport::HttpConfig;
using meetgate::transport::HttpServer;

constexpr const char *kPackage = "meetgate.transport.http";

mg_transport *transport_table();

// The running server. init/destroy are called once each by the core, but
// http_send and query may race with destroy from other threads, so the
// pointer is read under a shared lock and replaced under an exclusive one.
std::shared_mutex server_mutex;
std::unique_ptr<HttpServer> server;

int transport_init(const mg_transport_callbacks *core, const char *config_path) {
  HttpConfig config;
  std::string error = config.load(config_path);
  if (!error.empty()) {
    core->log(transport_table(), MG_LOG_ERROR, "bad configuration: %s", error.c_str());
    return -1;
  }
  if (!config.enabled) {
    core->log(transport_table(), MG_LOG_INFO, "disabled by general.enabled = false");
    return -1;
  }
  auto created = std::make_unique<HttpServer>(core, transport_table(), std::move(config));
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
  std::unique_ptr<HttpServer> stopping;
  {
    std::shared_lock lock(server_mutex);
    if (server) server->stop();  // answers waiting requests: send() must still work
  }
  std::unique_lock lock(server_mutex);
  stopping = std::move(server);
}

const char *get_package() {
  return kPackage;
}
const char *get_name() {
  return "HTTP transport";
}
const char *get_version_string() {
  return "0.1.0";
}
const char *get_description() {
  return "REST over HTTP/1.1 (libmicrohttpd): routes requests to the core, CORS, body limits";
}

json_t *transport_query() {
  std::shared_lock lock(server_mutex);
  return server ? server->query() : nullptr;
}

void transport_http_send(mg_http_responder *responder, const mg_http_response *response) {
  std::shared_lock lock(server_mutex);
  if (server) server->send(responder, response);
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
      transport_http_send,
      nullptr,  // ws_send: no WebSocket here
      nullptr,  // ws_close
  };
  return &table;
}

}  // namespace

extern "C" MG_EXPORT mg_transport *meetgate_transport_create(void) {
  return transport_table();
}
