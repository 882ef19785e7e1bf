// One WebSocket client. The core holds it as an opaque mg_transport_conn*
// and may queue messages or ask for a close from any thread; everything that
// touches the socket (the lws wsi) happens on the service thread.
#pragma once

#include <libwebsockets.h>

#include <mutex>
#include <string>

#include "message_assembler.hpp"
#include "send_queue.hpp"

namespace meetgate::transport {

class WsConnection {
 public:
  enum class Enqueued { kQueued, kFull, kClosed };

  // What the service thread should do next when the socket is writable.
  struct NextStep {
    enum class Kind { kNothing, kWrite, kClose } kind = Kind::kNothing;
    std::string entry;  // kWrite: headroom + text
    bool more = false;  // kWrite: ask for another writable callback
    int close_status = 0;
    std::string close_reason;
  };

  WsConnection(lws *wsi, size_t queue_max, size_t max_message, std::string request_id);

  // Any thread. A full queue marks the connection for an immediate close
  // (a client that does not read must not grow our memory).
  Enqueued enqueue(const std::string &text);
  // Any thread. `after_flush`: send what is queued first (a kick notice).
  void request_close(int status, const std::string &reason, bool after_flush);
  bool close_requested() const;
  size_t queued() const;

  // Service thread only.
  NextStep next_step();
  lws *wsi() const { return wsi_; }
  void forget_wsi() { wsi_ = nullptr; }
  bool established() const { return established_; }
  void set_established() { established_ = true; }
  MessageAssembler &assembler() { return assembler_; }
  const std::string &request_id() const { return request_id_; }

 private:
  mutable std::mutex mutex_;
  SendQueue queue_;
  bool closing_ = false;
  bool close_after_flush_ = false;
  int close_status_ = 0;
  std::string close_reason_;

  lws *wsi_;
  bool established_ = false;
  MessageAssembler assembler_;
  const std::string request_id_;
};

}  // namespace meetgate::transport
