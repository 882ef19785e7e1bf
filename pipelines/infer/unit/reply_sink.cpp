#include "reply_sink.hpp"

#include "message.hpp"

namespace meetgate::infer {

void send_worker_message(zmq::socket_t &socket, std::string_view kind, const std::string &body) {
  socket.send(zmq::buffer(kind), zmq::send_flags::sndmore);
  socket.send(zmq::buffer(body), zmq::send_flags::none);
}

ReplySink::ReplySink(zmq::socket_t &socket, std::string request_id, std::string work_id,
                     std::string object)
    : socket_(socket),
      request_id_(std::move(request_id)),
      work_id_(std::move(work_id)),
      object_(std::move(object)) {}

void ReplySink::emit(JsonPtr delta, bool finish) {
  // Anything after the finishing delta would reach a request the gateway has
  // already completed; the analyzer contract forbids it.
  if (finished_) return;
  send_worker_message(socket_, kWorkerReply,
                      build_delta(request_id_, work_id_, object_, delta.get(), index_++, finish));
  finished_ = finish;
}

}  // namespace meetgate::infer
