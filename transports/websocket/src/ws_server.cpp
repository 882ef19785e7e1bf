#include "ws_server.hpp"

#include <arpa/inet.h>

#include <chrono>
#include <cstring>

#include "client_message.hpp"
#include "http_reply.hpp"
#include "support/envelope.hpp"
#include "support/json_ptr.hpp"
#include "support/listen_address.hpp"
#include "upgrade_request.hpp"

namespace meetgate::transport {
namespace {

// How long stop() lets clients receive their close frames.
constexpr auto kCloseDeadline = std::chrono::milliseconds(1000);
// How often stop() nudges the service thread while it drains.
constexpr auto kStopTick = std::chrono::milliseconds(50);
// After answering a refused upgrade, CONFIRM_UPGRADE returns -1 ("hang up")
// rather than 1 ("answered, keep the connection"): the answer is already in
// the socket, and lws's keep-alive path after a refused upgrade is the one
// CVE-2025-11677 (use after free in lws_handshake_server) is about.
constexpr int kHangUpAfterRefusal = -1;
// Messages written in one writable callback at most (fairness between clients).
constexpr int kMaxWritesPerCallback = 32;
// A close reason travels in a control frame: at most 123 bytes.
constexpr size_t kMaxCloseReason = 123;

// lws logs process-wide; the running server (one per process) receives them.
std::mutex log_mutex;
const mg_transport_callbacks *log_core = nullptr;
mg_transport *log_self = nullptr;
std::string last_lws_error;

bool is_ipv4_literal(const std::string &text) {
  in_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

}  // namespace

WsServer::WsServer(const mg_transport_callbacks *core, mg_transport *self, WsConfig config)
    : core_(core), self_(self), config_(std::move(config)) {
  protocols_[0].name = "meetgate";
  protocols_[0].callback = &WsServer::on_lws_event;
  protocols_[0].per_session_data_size = 0;
  protocols_[0].rx_buffer_size = 65536;
  idle_policy_.secs_since_valid_ping = static_cast<uint16_t>(config_.ping_interval);
  idle_policy_.secs_since_valid_hangup = static_cast<uint16_t>(config_.idle_timeout);
}

WsServer::~WsServer() {
  stop();
}

// ---------------------------------------------------------------------------
// Life cycle (the core's init/destroy thread)

std::string WsServer::start() {
  {
    std::lock_guard lock(log_mutex);
    log_core = core_;
    log_self = self_;
    last_lws_error.clear();
  }
  lws_set_log_level(LLL_ERR | LLL_WARN, &WsServer::on_lws_log);
  std::string error = create_context();
  if (!error.empty()) return error;
  service_thread_ = std::thread([this] { service_loop(); });
  core_->log(self_, MG_LOG_INFO,
             "listening on ws%s://%s:%d (max message %zu bytes, send queue %zu, ping %us, "
             "idle %us)",
             config_.tls_cert.empty() ? "" : "s", config_.bind.c_str(), bound_port_,
             config_.max_message, config_.send_queue_max, config_.ping_interval,
             config_.idle_timeout);
  return {};
}

std::string WsServer::create_context() {
  lws_context_creation_info info{};
  info.port = config_.port;
  bool any_address = config_.bind.empty() || config_.bind == "0.0.0.0" || config_.bind == "::";
  info.iface = any_address ? nullptr : config_.bind.c_str();
  if (config_.bind == "0.0.0.0" || is_ipv4_literal(config_.bind)) {
    info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
  }
  info.protocols = protocols_;
  info.user = this;
  info.retry_and_idle_policy = &idle_policy_;
  info.fd_limit_per_thread = static_cast<unsigned>(config_.max_connections + 64);
  info.max_http_header_data = 16384;  // room for a JWT and cookies
  info.max_http_header_pool = 64;
  info.timeout_secs = 20;  // handshakes that stall
  if (!config_.tls_cert.empty()) {
    info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
    info.ssl_cert_filepath = config_.tls_cert.c_str();
    info.ssl_private_key_filepath = config_.tls_key.c_str();
  }
  lws_context *context = lws_create_context(&info);
  if (context == nullptr) {
    // lws reports a busy port as "ERROR on binding fd 9 to port 8081 (-1 98)":
    // a test bind names the cause in words.
    std::string cause = probe_listen_error(config_.bind, config_.port);
    std::lock_guard lock(log_mutex);
    if (cause.empty()) cause = last_lws_error;
    return "cannot listen on " + config_.bind + ":" + std::to_string(config_.port) +
           (cause.empty() ? std::string() : ": " + cause);
  }
  lws_vhost *vhost = lws_get_vhost_by_name(context, "default");
  bound_port_ = vhost != nullptr ? lws_get_vhost_listen_port(vhost) : config_.port;
  std::lock_guard lock(context_mutex_);
  context_ = context;
  return {};
}

void WsServer::stop() {
  if (!service_thread_.joinable()) return;
  stopping_ = true;
  std::unique_lock lock(done_mutex_);
  // The service thread may sleep in lws_service: nudge it until it is done.
  while (!service_done_) {
    lock.unlock();
    wake();
    lock.lock();
    done_changed_.wait_for(lock, kStopTick, [this] { return service_done_; });
  }
  lock.unlock();
  service_thread_.join();
  {
    std::lock_guard log_lock(log_mutex);
    log_core = nullptr;
    log_self = nullptr;
  }
  core_->log(self_, MG_LOG_INFO, "stopped");
}

void WsServer::service_loop() {
  lws_context *context = nullptr;
  {
    std::lock_guard lock(context_mutex_);
    context = context_;
  }
  bool closing = false;
  auto deadline = std::chrono::steady_clock::now();
  while (true) {
    if (stopping_ && !closing) {
      closing = true;
      deadline = std::chrono::steady_clock::now() + kCloseDeadline;
      close_all_for_shutdown();
    }
    if (closing && (by_wsi_.empty() || std::chrono::steady_clock::now() >= deadline)) break;
    if (lws_service(context, 0) < 0) break;
  }
  {
    std::lock_guard lock(context_mutex_);
    context_ = nullptr;
  }
  lws_context_destroy(context);  // closes what is left: on_gone for each
  notify_remaining_closed();
  std::lock_guard lock(done_mutex_);
  service_done_ = true;
  done_changed_.notify_all();
}

void WsServer::close_all_for_shutdown() {
  for (auto &[wsi, connection] : by_wsi_) {
    connection->request_close(LWS_CLOSE_STATUS_GOINGAWAY, "server shutting down", false);
    if (connection->established()) lws_callback_on_writable(wsi);
  }
}

void WsServer::notify_remaining_closed() {
  // Connections accepted by the core whose socket lws never reported back.
  for (const auto &connection : registry_.snapshot()) {
    auto *handle = ConnectionRegistry::handle_of(connection.get());
    if (registry_.remove(handle)) core_->ws_closed(self_, handle);
  }
  by_wsi_.clear();
}

void WsServer::wake() {
  std::lock_guard lock(context_mutex_);
  if (context_ != nullptr) lws_cancel_service(context_);
}

// ---------------------------------------------------------------------------
// The core's calls (any thread)

int WsServer::send(mg_transport_conn *handle, json_t *message) {
  JsonPtr owned(message);
  std::shared_ptr<WsConnection> connection = registry_.find(handle);
  if (!connection) return -1;
  std::string text = dump_json(owned.get());
  if (text.empty()) return -1;
  switch (connection->enqueue(text)) {
    case WsConnection::Enqueued::kQueued:
      registry_.mark_busy(connection);
      wake();
      return 0;
    case WsConnection::Enqueued::kFull:
      core_->log(self_, MG_LOG_WARN,
                 "closing client %s: its send queue is full (%zu messages unread)",
                 connection->request_id().c_str(), config_.send_queue_max);
      registry_.mark_busy(connection);
      wake();
      return -1;
    case WsConnection::Enqueued::kClosed:
      return -1;
  }
  return -1;
}

void WsServer::close(mg_transport_conn *handle, const char *reason) {
  std::shared_ptr<WsConnection> connection = registry_.find(handle);
  if (!connection) return;
  connection->request_close(LWS_CLOSE_STATUS_NORMAL, reason != nullptr ? reason : "closed", true);
  registry_.mark_busy(connection);
  wake();
}

json_t *WsServer::query() const {
  return json_pack("{s:s, s:i, s:b, s:I}", "bind", config_.bind.c_str(), "port", bound_port_, "tls",
                   !config_.tls_cert.empty(), "connections",
                   static_cast<json_int_t>(registry_.size()));
}

// ---------------------------------------------------------------------------
// libwebsockets callbacks (the service thread)

void WsServer::on_lws_log(int level, const char *line) {
  std::lock_guard lock(log_mutex);
  std::string text(line != nullptr ? line : "");
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (level == LLL_ERR) last_lws_error = text;
  if (log_core != nullptr) {
    log_core->log(log_self, level == LLL_ERR ? MG_LOG_WARN : MG_LOG_DEBUG, "libwebsockets: %s",
                  text.c_str());
  }
}

int WsServer::on_lws_event(lws *wsi, lws_callback_reasons reason, void *, void *in, size_t len) {
  lws_context *context = lws_get_context(wsi);
  auto *server = context != nullptr ? static_cast<WsServer *>(lws_context_user(context)) : nullptr;
  if (server == nullptr) return 0;
  return server->dispatch(wsi, reason, in, len);
}

int WsServer::dispatch(lws *wsi, lws_callback_reasons reason, void *in, size_t len) {
  switch (reason) {
    case LWS_CALLBACK_HTTP:
      return on_http(wsi);
    case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
      if (in == nullptr || strcmp(static_cast<const char *>(in), "websocket") != 0) return -1;
      return on_confirm_upgrade(wsi);
    case LWS_CALLBACK_ESTABLISHED:
      return on_established(wsi);
    case LWS_CALLBACK_RECEIVE:
      return on_receive(wsi, static_cast<const char *>(in), len);
    case LWS_CALLBACK_SERVER_WRITEABLE:
      return on_writable(wsi);
    case LWS_CALLBACK_CLOSED:
    case LWS_CALLBACK_WSI_DESTROY:
      on_gone(wsi);
      return 0;
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
      on_wake();
      return 0;
    default:
      return 0;
  }
}

int WsServer::on_http(lws *wsi) {
  UpgradeRequest request(wsi);
  const std::string &path = request.path();
  std::string body;
  unsigned status = 200;
  if (path == "/health") {
    if (request.method() == "GET" || request.method() == "HEAD") {
      json_t *data = json_pack("{s:s, s:I}", "status", "ok", "connections",
                               static_cast<json_int_t>(registry_.size()));
      body = envelope_text(200, "success", data, request.request_id());
    } else {
      status = 405;
      body =
          error_envelope_text(405, "method not allowed", "use GET /health", request.request_id());
    }
  } else if (core_->ws_path_known(path.c_str()) != 0) {
    status = 426;
    body = error_envelope_text(426, "upgrade required",
                               "open a WebSocket on " + path + " (Upgrade: websocket)",
                               request.request_id());
  } else {
    status = 404;
    body = error_envelope_text(404, "not found", "no WebSocket path " + path, request.request_id());
  }
  if (write_json_reply(wsi, status, body, request.request_id()) != 0) return -1;
  return lws_http_transaction_completed(wsi) != 0 ? -1 : 0;
}

int WsServer::on_confirm_upgrade(lws *wsi) {
  UpgradeRequest request(wsi);
  const std::string &rid = request.request_id();
  if (stopping_) {
    return refuse_upgrade(wsi, 503, "service unavailable", "the gateway is shutting down", rid);
  }
  if (core_->ws_path_known(request.path().c_str()) == 0) {
    return refuse_upgrade(wsi, 404, "not found", "no WebSocket path " + request.path(), rid);
  }
  if (registry_.size() >= config_.max_connections) {
    return refuse_upgrade(
        wsi, 503, "too many connections",
        "max_connections (" + std::to_string(config_.max_connections) + ") reached", rid);
  }
  auto connection =
      std::make_shared<WsConnection>(wsi, config_.send_queue_max, config_.max_message, rid);
  auto *handle = ConnectionRegistry::handle_of(connection.get());
  registry_.add(connection);
  by_wsi_[wsi] = connection;
  mg_ws_accept result{};
  core_->ws_open(self_, handle, &request.abi(), &result);
  if (result.status == 0) return 0;  // lws completes the handshake
  JsonPtr refusal(result.body);
  by_wsi_.erase(wsi);
  registry_.remove(handle);
  std::string body = refusal ? dump_json(refusal.get()) : std::string();
  if (body.empty()) {
    body = error_envelope_text(result.status, "websocket refused", "refused by the gateway", rid);
  }
  int status = result.status >= 400 && result.status <= 599 ? result.status : 403;
  write_json_reply(wsi, static_cast<unsigned>(status), body, rid);
  return kHangUpAfterRefusal;
}

int WsServer::refuse_upgrade(lws *wsi, unsigned status, const std::string &message,
                             const std::string &error, const std::string &request_id) {
  std::string body = error_envelope_text(static_cast<int>(status), message, error, request_id);
  write_json_reply(wsi, status, body, request_id);
  return kHangUpAfterRefusal;
}

int WsServer::on_established(lws *wsi) {
  auto found = by_wsi_.find(wsi);
  if (found == by_wsi_.end()) return -1;  // not confirmed by us: refuse
  found->second->set_established();
  if (found->second->queued() > 0 || found->second->close_requested()) {
    lws_callback_on_writable(wsi);
  }
  return 0;
}

int WsServer::on_receive(lws *wsi, const char *data, size_t size) {
  auto found = by_wsi_.find(wsi);
  if (found == by_wsi_.end()) return -1;
  std::shared_ptr<WsConnection> connection = found->second;
  bool first = lws_is_first_fragment(wsi) != 0;
  bool last = lws_is_final_fragment(wsi) != 0;
  bool binary = lws_frame_is_binary(wsi) != 0;
  switch (connection->assembler().feed(data, size, first, last, binary)) {
    case MessageAssembler::Result::kNeedMore:
      return 0;
    case MessageAssembler::Result::kTooLarge:
      send_error_frame(connection, 413, "message too large",
                       "the limit is " + std::to_string(config_.max_message) + " bytes");
      connection->request_close(LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, "message too large", true);
      lws_callback_on_writable(wsi);
      return 0;
    case MessageAssembler::Result::kBinary:
      send_error_frame(connection, 400, "binary messages are not supported",
                       "send JSON text messages");
      return 0;
    case MessageAssembler::Result::kComplete:
      handle_text(connection, connection->assembler().take());
      return 0;
  }
  return 0;
}

void WsServer::handle_text(const std::shared_ptr<WsConnection> &connection,
                           const std::string &text) {
  ClientMessage message = parse_client_message(text);
  if (!message.object) {
    send_error_frame(connection, message.code, message.message.c_str(), message.details);
    return;
  }
  core_->ws_message(self_, ConnectionRegistry::handle_of(connection.get()), message.object.get());
}

void WsServer::send_error_frame(const std::shared_ptr<WsConnection> &connection, int code,
                                const char *message, const std::string &details) {
  JsonPtr frame(core_->error_frame(code, message, details.c_str()));
  std::string text = dump_json(frame.get());
  if (text.empty()) return;
  if (connection->enqueue(text) != WsConnection::Enqueued::kClosed &&
      connection->wsi() != nullptr && connection->established()) {
    lws_callback_on_writable(connection->wsi());
  }
}

int WsServer::on_writable(lws *wsi) {
  auto found = by_wsi_.find(wsi);
  if (found == by_wsi_.end()) return 0;
  // Several messages per callback while the socket takes them: a burst from
  // a plugin drains at socket speed instead of one message per poll cycle.
  for (int written = 0; written < kMaxWritesPerCallback; ++written) {
    WsConnection::NextStep step = found->second->next_step();
    switch (step.kind) {
      case WsConnection::NextStep::Kind::kNothing:
        return 0;
      case WsConnection::NextStep::Kind::kClose: {
        std::string reason = step.close_reason.substr(0, kMaxCloseReason);
        lws_close_reason(wsi, static_cast<lws_close_status>(step.close_status),
                         reinterpret_cast<unsigned char *>(reason.data()), reason.size());
        return -1;
      }
      case WsConnection::NextStep::Kind::kWrite: {
        auto *text = reinterpret_cast<unsigned char *>(step.entry.data()) + LWS_PRE;
        size_t length = step.entry.size() - LWS_PRE;
        if (lws_write(wsi, text, length, LWS_WRITE_TEXT) < 0) return -1;
        if (!step.more) return 0;
        if (lws_send_pipe_choked(wsi)) {
          lws_callback_on_writable(wsi);
          return 0;
        }
        break;
      }
    }
  }
  lws_callback_on_writable(wsi);
  return 0;
}

void WsServer::on_gone(lws *wsi) {
  auto found = by_wsi_.find(wsi);
  if (found == by_wsi_.end()) return;
  std::shared_ptr<WsConnection> connection = std::move(found->second);
  by_wsi_.erase(found);
  connection->forget_wsi();
  auto *handle = ConnectionRegistry::handle_of(connection.get());
  // Removed before ws_closed: from here on the core's sends are refused.
  if (registry_.remove(handle)) core_->ws_closed(self_, handle);
}

void WsServer::on_wake() {
  for (const auto &connection : registry_.take_busy()) {
    if (connection->wsi() != nullptr && connection->established()) {
      lws_callback_on_writable(connection->wsi());
    }
  }
}

}  // namespace meetgate::transport
