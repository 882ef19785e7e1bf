// Sessions between transport connections and plugins: open (create_session),
// messages (handle_message and its answer), pushes from plugins, kicks, close
// (media first, then destroy_session). Each session is reachable by its
// connection (for the transport) and its handle (for the plugin) until it is
// forgotten; a push to a forgotten or closing session returns -1.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "json_ptr.hpp"
#include "session.hpp"
#include "ws_path_table.hpp"

namespace meetgate::core {

class SessionManager {
 public:
  explicit SessionManager(const WsPathTable &ws_paths) : ws_paths_(ws_paths) {}

  void open(mg_transport *transport, const std::string &transport_package, mg_transport_conn *conn,
            const mg_http_request *request, mg_ws_accept *result);
  void message(mg_transport *transport, mg_transport_conn *conn, const json_t *message);
  void closed(mg_transport *transport, mg_transport_conn *conn);

  int push_event(mg_plugin_session *handle, const char *transaction, json_t *message);
  void close_session(mg_plugin_session *handle, const char *reason);

  // Shutdown, after the transports are gone: end what is left.
  void close_all();
  size_t count() const;
  // Admin API: [{id, plugin, transport, path, remote_addr, created, info}].
  JsonPtr describe(const std::function<std::string(const mg_plugin *)> &plugin_name) const;

  // The transaction of a client message: "transaction" string, else "id"
  // (string, or integer as text); "" when none.
  static std::string transaction_of(const json_t *message);
  // The error frame for a refused message, echoing its transaction/id.
  static JsonPtr error_reply(const json_t *message, int code, const char *text);

 private:
  using ConnKey = std::pair<const mg_transport *, const mg_transport_conn *>;
  std::shared_ptr<Session> by_conn(mg_transport *transport, mg_transport_conn *conn) const;
  std::shared_ptr<Session> by_handle(const mg_plugin_session *handle) const;
  void forget(const std::shared_ptr<Session> &session);
  void end(const std::shared_ptr<Session> &session);

  const WsPathTable &ws_paths_;
  std::atomic<uint64_t> next_id_{1};
  mutable std::mutex mutex_;
  std::map<ConnKey, std::shared_ptr<Session>> by_conn_;
  std::map<const mg_plugin_session *, std::shared_ptr<Session>> by_handle_;
};

}  // namespace meetgate::core
