// The live WebSocket connections, keyed by the opaque pointer the core holds.
// Calls from the core look a connection up here first, so a connection that
// is already closed is refused instead of touched. It also collects the
// connections that have something to send, for the service thread to wake.
#pragma once

#include <meetgate/transport.h>

#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "ws_connection.hpp"

namespace meetgate::transport {

class ConnectionRegistry {
 public:
  static mg_transport_conn *handle_of(WsConnection *connection) {
    return reinterpret_cast<mg_transport_conn *>(connection);
  }

  void add(const std::shared_ptr<WsConnection> &connection);
  std::shared_ptr<WsConnection> find(const mg_transport_conn *handle) const;
  // Removes it; returns it (nullptr if it was not there).
  std::shared_ptr<WsConnection> remove(const mg_transport_conn *handle);
  size_t size() const;
  std::vector<std::shared_ptr<WsConnection>> snapshot() const;

  // Any thread: `connection` has output or a close to act on.
  void mark_busy(const std::shared_ptr<WsConnection> &connection);
  // Service thread: the connections marked since the last call.
  std::vector<std::shared_ptr<WsConnection>> take_busy();

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const void *, std::shared_ptr<WsConnection>> live_;
  std::vector<std::shared_ptr<WsConnection>> busy_;
};

}  // namespace meetgate::transport
