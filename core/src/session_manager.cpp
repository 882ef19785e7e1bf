#include "session_manager.hpp"

#include "engine.hpp"
#include "envelope.hpp"
#include "logger.hpp"

namespace meetgate::core {

namespace {
std::string result_message(const mg_result &result, const char *fallback) {
  return result.content && json_is_string(result.content) ? json_string_value(result.content)
                                                          : fallback;
}
}  // namespace

std::shared_ptr<Session> SessionManager::by_conn(mg_transport *transport,
                                                 mg_transport_conn *conn) const {
  std::lock_guard lock(mutex_);
  auto found = by_conn_.find({transport, conn});
  return found == by_conn_.end() ? nullptr : found->second;
}

std::shared_ptr<Session> SessionManager::by_handle(const mg_plugin_session *handle) const {
  std::lock_guard lock(mutex_);
  auto found = by_handle_.find(handle);
  return found == by_handle_.end() ? nullptr : found->second;
}

void SessionManager::forget(const std::shared_ptr<Session> &session) {
  std::lock_guard lock(mutex_);
  by_handle_.erase(session->handle());
  std::erase_if(by_conn_, [&session](const auto &entry) { return entry.second == session; });
}

void SessionManager::open(mg_transport *transport, const std::string &transport_package,
                          mg_transport_conn *conn, const mg_http_request *request,
                          mg_ws_accept *result) {
  const std::string path = request && request->path ? request->path : "";
  const std::string request_id = request && request->request_id ? request->request_id : "";
  mg_plugin *plugin = ws_paths_.owner_of(path);
  if (plugin == nullptr || plugin->create_session == nullptr) {
    const std::string text = "no WebSocket endpoint at " + path;
    result->status = 404;
    result->body =
        make_envelope(404, text.c_str(), json_string(text.c_str()), request_id).release();
    return;
  }
  auto session = std::make_shared<Session>(next_id_++, plugin, transport, conn);
  session->transport_package = transport_package;
  session->path = path;
  session->remote_addr = request->remote_addr ? request->remote_addr : "";
  {
    // Registered before create_session, so the plugin may push from it.
    std::lock_guard lock(mutex_);
    by_conn_[{transport, conn}] = session;
    by_handle_[session->handle()] = session;
  }
  const mg_session_info info{transport_package.c_str(), request};
  mg_result created = plugin->create_session(session->handle(), &info);
  if (created.type == MG_RESULT_ERROR) {
    session->mark_closed();
    forget(session);
    const int status = created.code >= 400 && created.code < 600 ? created.code : 403;
    const std::string text = result_message(created, "session refused");
    json_decref(created.content);
    result->status = status;
    result->body =
        make_envelope(status, text.c_str(), json_string(text.c_str()), request_id).release();
    Logger::instance().write(MG_LOG_DEBUG, "core", "session refused on " + path + ": " + text);
    return;
  }
  json_decref(created.content);
  result->status = 0;
  result->body = nullptr;
  result->session_id = session->id();
  log_core(MG_LOG_DEBUG, "session %llu opened on %s from %s",
           static_cast<unsigned long long>(session->id()), path.c_str(),
           session->remote_addr.c_str());
}

std::string SessionManager::transaction_of(const json_t *message) {
  const json_t *transaction = json_object_get(message, "transaction");
  if (json_is_string(transaction)) return json_string_value(transaction);
  const json_t *id = json_object_get(message, "id");
  if (json_is_string(id)) return json_string_value(id);
  if (json_is_integer(id)) return std::to_string(json_integer_value(id));
  return {};
}

JsonPtr SessionManager::error_reply(const json_t *message, int code, const char *text) {
  JsonPtr frame = make_error_frame(code, text, "");
  for (const char *echoed : {"transaction", "id"}) {
    json_t *value = json_object_get(message, echoed);
    if (value != nullptr) json_object_set(frame.get(), echoed, value);
  }
  return frame;
}

void SessionManager::message(mg_transport *transport, mg_transport_conn *conn,
                             const json_t *message) {
  std::shared_ptr<Session> session = by_conn(transport, conn);
  if (!session) {
    if (transport->ws_send)
      transport->ws_send(conn, error_reply(message, 404, "no session").release());
    return;
  }
  mg_plugin *plugin = session->plugin();
  if (plugin->handle_message == nullptr) {
    session->send(error_reply(message, 501, "this endpoint accepts no messages").release());
    return;
  }
  const std::string transaction = transaction_of(message);
  mg_result result = plugin->handle_message(
      session->handle(), transaction.empty() ? nullptr : transaction.c_str(), message);
  switch (result.type) {
    case MG_RESULT_OK: {
      if (result.content == nullptr) return;
      const json_t *client_transaction = json_object_get(message, "transaction");
      if (json_is_string(client_transaction) && json_is_object(result.content) &&
          json_object_get(result.content, "transaction") == nullptr) {
        json_object_set(result.content, "transaction", const_cast<json_t *>(client_transaction));
      }
      session->send(result.content);
      return;
    }
    case MG_RESULT_ACK:
      json_decref(result.content);
      return;
    case MG_RESULT_ERROR: {
      const std::string text = result_message(result, "error");
      json_decref(result.content);
      const int code = result.code >= 400 && result.code < 600 ? result.code : 500;
      session->send(error_reply(message, code, text.c_str()).release());
      return;
    }
  }
  json_decref(result.content);
}

void SessionManager::end(const std::shared_ptr<Session> &session) {
  session->mark_closed();
  // Media first: the plugin gets hangup_media for each PeerConnection while
  // its session still exists, then destroy_session.
  media::close_session(session->handle());
  if (session->plugin()->destroy_session) session->plugin()->destroy_session(session->handle());
  forget(session);
  log_core(MG_LOG_DEBUG, "session %llu closed", static_cast<unsigned long long>(session->id()));
}

void SessionManager::closed(mg_transport *transport, mg_transport_conn *conn) {
  std::shared_ptr<Session> session;
  {
    std::lock_guard lock(mutex_);
    auto found = by_conn_.find({transport, conn});
    if (found == by_conn_.end()) return;
    session = found->second;
    by_conn_.erase(found);  // a repeated ws_closed finds nothing
  }
  end(session);
}

int SessionManager::push_event(mg_plugin_session *handle, const char *transaction,
                               json_t *message) {
  std::shared_ptr<Session> session = by_handle(handle);
  if (!session || message == nullptr) {
    json_decref(message);
    return -1;
  }
  if (transaction != nullptr && json_is_object(message) &&
      json_object_get(message, "transaction") == nullptr) {
    json_object_set_new(message, "transaction", json_string(transaction));
  }
  return session->send(message);
}

void SessionManager::close_session(mg_plugin_session *handle, const char *reason) {
  std::shared_ptr<Session> session = by_handle(handle);
  if (!session) return;
  log_core(MG_LOG_INFO, "closing session %llu: %s", static_cast<unsigned long long>(session->id()),
           reason ? reason : "");
  session->close(reason);
}

void SessionManager::close_all() {
  std::vector<std::shared_ptr<Session>> remaining;
  {
    std::lock_guard lock(mutex_);
    for (auto &[handle, session] : by_handle_) remaining.push_back(session);
    by_conn_.clear();
  }
  for (auto &session : remaining) end(session);
}

size_t SessionManager::count() const {
  std::lock_guard lock(mutex_);
  return by_handle_.size();
}

JsonPtr SessionManager::describe(
    const std::function<std::string(const mg_plugin *)> &plugin_name) const {
  std::vector<std::shared_ptr<Session>> sessions;
  {
    std::lock_guard lock(mutex_);
    for (const auto &[handle, session] : by_handle_) sessions.push_back(session);
  }
  JsonPtr list = adopt_json(json_array());
  for (const auto &session : sessions) {
    json_t *entry = json_object();
    json_object_set_new(entry, "id", json_integer(static_cast<json_int_t>(session->id())));
    json_object_set_new(entry, "plugin", json_string(plugin_name(session->plugin()).c_str()));
    json_object_set_new(entry, "transport", json_string(session->transport_package.c_str()));
    json_object_set_new(entry, "path", json_string(session->path.c_str()));
    json_object_set_new(entry, "remote_addr", json_string(session->remote_addr.c_str()));
    json_object_set_new(entry, "created",
                        json_integer(std::chrono::duration_cast<std::chrono::seconds>(
                                         session->created.time_since_epoch())
                                         .count()));
    json_t *info = session->plugin()->query_session
                       ? session->plugin()->query_session(session->handle())
                       : nullptr;
    json_object_set_new(entry, "info", info ? info : json_null());
    json_array_append_new(list.get(), entry);
  }
  return list;
}

}  // namespace meetgate::core
