// One client attached to a plugin through a transport connection (today a
// WebSocket). The plugin sees `handle`; the transport sees `conn`.
#pragma once

#include <meetgate/plugin.h>
#include <meetgate/transport.h>

#include <chrono>
#include <mutex>
#include <string>

namespace meetgate::core {

class Session {
 public:
  Session(uint64_t id, mg_plugin *plugin, mg_transport *transport, mg_transport_conn *conn);
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

  mg_plugin_session *handle() { return &handle_; }
  uint64_t id() const { return handle_.id; }
  mg_plugin *plugin() const { return plugin_; }
  mg_transport *transport() const { return transport_; }

  // Queue a message (stolen) to the client; -1 once the connection is gone.
  int send(json_t *message);
  // Ask the transport to close the connection (ws_closed follows).
  void close(const char *reason);
  // The transport said the connection is gone: never touch `conn` again.
  // Waits for a send or close in progress on another thread.
  void mark_closed();
  bool open() const;

  std::string transport_package;
  std::string path;
  std::string remote_addr;
  std::chrono::system_clock::time_point created = std::chrono::system_clock::now();

 private:
  mg_plugin_session handle_{};
  mg_plugin *plugin_;
  mg_transport *transport_;
  mg_transport_conn *conn_;
  // Recursive: a transport may call ws_closed from inside our ws_close call.
  mutable std::recursive_mutex conn_mutex_;
  bool conn_open_ = true;
};

}  // namespace meetgate::core
