// The signaling side of `meetgate-bench media`: many WebSocket connections
// to the gateway's WebSocket transport on one libwebsockets client context,
// served by one thread. Each connection has a handler called on that thread
// for every complete text message; send() may be called from any thread
// (the message is queued and written when the socket is writable).
#pragma once

#include <libwebsockets.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace meetgate::bench {

class WsClient {
 public:
  struct Handlers {
    std::function<void()> opened;
    std::function<void(const std::string &text)> message;
    std::function<void(const std::string &reason)> closed;
  };

  WsClient();
  ~WsClient();
  WsClient(const WsClient &) = delete;
  WsClient &operator=(const WsClient &) = delete;

  // Start the service thread; false with `error` if libwebsockets refuses.
  bool start(std::string &error);
  // Open ws://host:port/path; returns a connection index for send().
  size_t connect(const std::string &host, int port, const std::string &path, Handlers handlers);
  void send(size_t connection, std::string text);
  void stop();

 private:
  struct Connection {
    WsClient *owner = nullptr;
    size_t index = 0;
    std::string host, path;
    int port = 0;
    Handlers handlers;
    lws *socket = nullptr;
    bool open = false, wanted = false;
    std::deque<std::string> outgoing;  // guarded by mutex_
    std::string incoming;              // service thread only
  };
  static int on_event(lws *wsi, lws_callback_reasons reason, void *user, void *in, size_t len);
  int handle(Connection *connection, lws *wsi, int reason, void *in, size_t len);
  void open_pending();
  void write_next(Connection *connection);

  lws_context *context_ = nullptr;
  std::thread thread_;
  bool running_ = false;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> connections_;
};

}  // namespace meetgate::bench
