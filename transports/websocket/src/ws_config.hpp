// The WebSocket transport's settings: meetgate.transport.websocket.jcfg plus
// the MEETGATE_WS_PORT / MEETGATE_WS_BIND environment overrides.
#pragma once

#include <string>

namespace meetgate::transport {

struct WsConfig {
  bool enabled = true;
  std::string bind = "0.0.0.0";
  int port = 8081;
  size_t max_message = 65536;
  size_t send_queue_max = 256;
  unsigned ping_interval = 20;
  unsigned idle_timeout = 60;
  size_t max_connections = 10000;
  std::string tls_cert;
  std::string tls_key;

  // Reads `config_path` (may be NULL or missing: defaults) and the
  // environment. Returns "" or what is wrong.
  std::string load(const char *config_path);
};

}  // namespace meetgate::transport
