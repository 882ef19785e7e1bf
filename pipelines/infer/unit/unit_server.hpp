// The inference unit's socket side: a DEALER connected to the gateway's
// ROUTER, hello/heartbeat liveness, request validation, and dispatch of jobs
// to the session workers. Only this thread touches the DEALER socket.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "analyzer_registry.hpp"
#include "message.hpp"
#include "session_worker.hpp"
#include "unit_options.hpp"

namespace meetgate::infer {

class UnitServer {
 public:
  UnitServer(UnitOptions options, AnalyzerRegistry registry);
  ~UnitServer();
  // Runs until stop becomes true; says "bye" to the gateway on the way out.
  void run(const std::atomic<bool> &stop);

 private:
  using Clock = std::chrono::steady_clock;
  struct Session {
    std::size_t worker;
    std::string model;
  };

  void on_gateway_frames(std::vector<zmq::message_t> &frames);
  void on_request(Message &message, zmq::message_t payload);
  void on_setup(Message &message);
  void on_inference(Message &message, zmq::message_t payload);
  void on_exit(Message &message);
  void on_worker_frames(std::vector<zmq::message_t> &frames);
  void tick(Clock::time_point now);
  void drop_sessions();
  std::size_t least_loaded_worker(bool by_sessions) const;
  void send(const std::string &json);
  void send_error(const std::string &request_id, const std::string &work_id, ErrorCode code,
                  const std::string &text);
  std::string hello() const;

  UnitOptions options_;
  AnalyzerRegistry registry_;
  zmq::context_t context_;
  zmq::socket_t gateway_;
  zmq::socket_t from_workers_;
  std::vector<std::unique_ptr<SessionWorker>> workers_;
  std::map<std::string, Session> sessions_;
  std::vector<std::size_t> sessions_per_worker_;
  std::uint64_t next_work_number_ = 1;
  bool registered_ = false;  // the gateway has spoken since our last hello
  Clock::time_point last_gateway_message_;
  Clock::time_point next_tick_;
};

}  // namespace meetgate::infer
