#include "bench_media_ws_client.hpp"

#include <libwebsockets.h>

#include <cstring>

namespace meetgate::bench {
namespace {
// Big enough for an SDP offer/answer in one read.
constexpr size_t kRxBuffer = 65536;
}  // namespace

WsClient::WsClient() = default;

WsClient::~WsClient() {
  stop();
}

bool WsClient::start(std::string &error) {
  static const lws_protocols protocols[] = {
      {"meetgate-bench", &WsClient::on_event, 0, kRxBuffer, 0, nullptr, 0},
      {nullptr, nullptr, 0, 0, 0, nullptr, 0}};
  lws_set_log_level(LLL_ERR, nullptr);
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = protocols;
  info.gid = -1;
  info.uid = -1;
  info.user = this;
  info.fd_limit_per_thread = 4096;
  context_ = lws_create_context(&info);
  if (!context_) {
    error = "lws_create_context failed";
    return false;
  }
  running_ = true;
  thread_ = std::thread([this] {
    while (running_ && lws_service(context_, 0) >= 0) {
    }
  });
  return true;
}

void WsClient::stop() {
  if (!context_) return;
  running_ = false;
  lws_cancel_service(context_);
  if (thread_.joinable()) thread_.join();
  lws_context_destroy(context_);
  context_ = nullptr;
}

size_t WsClient::connect(const std::string &host, int port, const std::string &path,
                         Handlers handlers) {
  std::lock_guard lock(mutex_);
  auto connection = std::make_unique<Connection>();
  connection->owner = this;
  connection->index = connections_.size();
  connection->host = host;
  connection->port = port;
  connection->path = path;
  connection->handlers = std::move(handlers);
  connection->wanted = true;
  connections_.push_back(std::move(connection));
  lws_cancel_service(context_);
  return connections_.size() - 1;
}

void WsClient::send(size_t index, std::string text) {
  std::lock_guard lock(mutex_);
  if (index >= connections_.size()) return;
  connections_[index]->outgoing.push_back(std::move(text));
  lws_cancel_service(context_);  // the service thread asks for writable
}

// Service thread: lws is not thread-safe, so connections are opened and
// writes requested only here.
void WsClient::open_pending() {
  std::vector<Connection *> pending, writable;
  {
    std::lock_guard lock(mutex_);
    for (auto &connection : connections_) {
      if (connection->wanted) pending.push_back(connection.get());
      connection->wanted = false;
      if (connection->open && !connection->outgoing.empty()) writable.push_back(connection.get());
    }
  }
  for (Connection *connection : pending) {
    lws_client_connect_info info;
    std::memset(&info, 0, sizeof info);
    info.context = context_;
    info.address = connection->host.c_str();
    info.port = connection->port;
    info.path = connection->path.c_str();
    info.host = connection->host.c_str();
    info.origin = connection->host.c_str();
    info.local_protocol_name = "meetgate-bench";
    info.opaque_user_data = connection;
    info.pwsi = &connection->socket;
    if (!lws_client_connect_via_info(&info) && connection->handlers.closed)
      connection->handlers.closed("connect failed");
  }
  for (Connection *connection : writable) lws_callback_on_writable(connection->socket);
}

void WsClient::write_next(Connection *connection) {
  std::string text;
  bool more = false;
  {
    std::lock_guard lock(mutex_);
    if (connection->outgoing.empty()) return;
    text = std::move(connection->outgoing.front());
    connection->outgoing.pop_front();
    more = !connection->outgoing.empty();
  }
  std::vector<unsigned char> frame(LWS_PRE + text.size());
  std::memcpy(frame.data() + LWS_PRE, text.data(), text.size());
  lws_write(connection->socket, frame.data() + LWS_PRE, text.size(), LWS_WRITE_TEXT);
  if (more) lws_callback_on_writable(connection->socket);
}

int WsClient::on_event(lws *wsi, lws_callback_reasons reason, void *, void *in, size_t len) {
  auto *self = static_cast<WsClient *>(lws_context_user(lws_get_context(wsi)));
  if (reason == LWS_CALLBACK_EVENT_WAIT_CANCELLED) {
    self->open_pending();
    return 0;
  }
  auto *connection = static_cast<Connection *>(lws_get_opaque_user_data(wsi));
  if (!connection) return 0;
  return self->handle(connection, wsi, reason, in, len);
}

int WsClient::handle(Connection *connection, lws *wsi, int reason, void *in, size_t len) {
  switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED: {
      {
        std::lock_guard lock(mutex_);
        connection->open = true;
      }
      if (connection->handlers.opened) connection->handlers.opened();
      lws_callback_on_writable(wsi);
      break;
    }
    case LWS_CALLBACK_CLIENT_RECEIVE:
      connection->incoming.append(static_cast<const char *>(in), len);
      if (lws_is_final_fragment(wsi) && !lws_remaining_packet_payload(wsi)) {
        if (connection->handlers.message) connection->handlers.message(connection->incoming);
        connection->incoming.clear();
      }
      break;
    case LWS_CALLBACK_CLIENT_WRITEABLE:
      write_next(connection);
      break;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_CLOSED: {
      {
        std::lock_guard lock(mutex_);
        connection->open = false;
        connection->socket = nullptr;
      }
      std::string why = reason == LWS_CALLBACK_CLIENT_CLOSED ? "closed" : "connection error";
      if (in && len) why += ": " + std::string(static_cast<const char *>(in), len);
      lws_set_opaque_user_data(wsi, nullptr);
      if (connection->handlers.closed) connection->handlers.closed(why);
      break;
    }
    default:
      break;
  }
  return 0;
}

}  // namespace meetgate::bench
