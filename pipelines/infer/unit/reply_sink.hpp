// ResultSink that turns each analyzer result into a delta frame and sends it
// to the socket thread over the worker's inproc PUSH socket.
#pragma once

#include <string>
#include <zmq.hpp>

#include "analyzer.hpp"

namespace meetgate::infer {

// First frame of worker -> socket-thread messages.
inline constexpr std::string_view kWorkerReply = "reply";      // [kind][json]: forward as is
inline constexpr std::string_view kWorkerDropped = "dropped";  // [kind][work_id]: setup failed

void send_worker_message(zmq::socket_t &socket, std::string_view kind, const std::string &body);

class ReplySink : public ResultSink {
 public:
  ReplySink(zmq::socket_t &socket, std::string request_id, std::string work_id, std::string object);
  void emit(JsonPtr delta, bool finish) override;
  bool finished() const { return finished_; }

 private:
  zmq::socket_t &socket_;
  std::string request_id_;
  std::string work_id_;
  std::string object_;
  int index_ = 0;
  bool finished_ = false;
};

}  // namespace meetgate::infer
