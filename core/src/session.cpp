#include "session.hpp"

namespace meetgate::core {

Session::Session(uint64_t id, mg_plugin *plugin, mg_transport *transport, mg_transport_conn *conn)
    : plugin_(plugin), transport_(transport), conn_(conn) {
  handle_.core_handle = this;
  handle_.plugin_handle = nullptr;
  handle_.id = id;
}

int Session::send(json_t *message) {
  std::lock_guard lock(conn_mutex_);
  if (!conn_open_ || transport_->ws_send == nullptr) {
    json_decref(message);
    return -1;
  }
  return transport_->ws_send(conn_, message);
}

void Session::close(const char *reason) {
  std::lock_guard lock(conn_mutex_);
  if (conn_open_ && transport_->ws_close != nullptr)
    transport_->ws_close(conn_, reason ? reason : "");
}

void Session::mark_closed() {
  std::lock_guard lock(conn_mutex_);
  conn_open_ = false;
}

bool Session::open() const {
  std::lock_guard lock(conn_mutex_);
  return conn_open_;
}

}  // namespace meetgate::core
