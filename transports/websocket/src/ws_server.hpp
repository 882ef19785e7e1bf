// The WebSocket transport's server: one libwebsockets context served by one
// thread. Upgrades on paths the core knows become core sessions; text
// messages are reassembled, checked and handed to the core; the core's
// messages wait in a bounded per-connection queue until the socket is
// writable. Other threads reach the service thread with lws_cancel_service.
#pragma once

#include <libwebsockets.h>
#include <meetgate/transport.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "connection_registry.hpp"
#include "ws_config.hpp"

namespace meetgate::transport {

class WsServer {
 public:
  WsServer(const mg_transport_callbacks *core, mg_transport *self, WsConfig config);
  ~WsServer();
  WsServer(const WsServer &) = delete;
  WsServer &operator=(const WsServer &) = delete;

  // Starts listening and the service thread. "" or why it could not.
  std::string start();
  // Closes every connection (ws_closed for each) and joins the thread.
  void stop();
  // From the core, any thread. `message` is stolen.
  int send(mg_transport_conn *handle, json_t *message);
  void close(mg_transport_conn *handle, const char *reason);
  json_t *query() const;

 private:
  static int on_lws_event(lws *wsi, lws_callback_reasons reason, void *user, void *in, size_t len);
  static void on_lws_log(int level, const char *line);

  int dispatch(lws *wsi, lws_callback_reasons reason, void *in, size_t len);
  int on_http(lws *wsi);
  int on_confirm_upgrade(lws *wsi);
  int refuse_upgrade(lws *wsi, unsigned status, const std::string &message,
                     const std::string &error, const std::string &request_id);
  int on_established(lws *wsi);
  int on_receive(lws *wsi, const char *data, size_t size);
  int on_writable(lws *wsi);
  void on_gone(lws *wsi);
  void on_wake();
  void handle_text(const std::shared_ptr<WsConnection> &connection, const std::string &text);
  void send_error_frame(const std::shared_ptr<WsConnection> &connection, int code,
                        const char *message, const std::string &details);
  void wake();
  void service_loop();
  void close_all_for_shutdown();
  void notify_remaining_closed();
  std::string create_context();

  const mg_transport_callbacks *core_;
  mg_transport *self_;
  const WsConfig config_;
  lws_protocols protocols_[2]{};
  lws_retry_bo_t idle_policy_{};
  int bound_port_ = 0;

  // The context pointer is read by wake() from any thread; the service
  // thread clears it before destroying the context.
  mutable std::mutex context_mutex_;
  lws_context *context_ = nullptr;

  std::thread service_thread_;
  std::atomic<bool> stopping_{false};
  std::mutex done_mutex_;
  std::condition_variable done_changed_;
  bool service_done_ = false;

  ConnectionRegistry registry_;
  // Service thread only: the connection of each upgraded socket.
  std::unordered_map<lws *, std::shared_ptr<WsConnection>> by_wsi_;
};

}  // namespace meetgate::transport
