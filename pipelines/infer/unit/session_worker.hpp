// A worker thread that owns the analyzers of the work_ids assigned to it and
// runs their jobs in arrival order (a stream's chunks must not be reordered).
// Results go to the socket thread over an inproc PUSH socket owned by this
// thread, so the unit's DEALER socket is only touched by its own thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "analyzer_registry.hpp"
#include "unit_job.hpp"

namespace meetgate::infer {

class SessionWorker {
 public:
  SessionWorker(zmq::context_t &context, std::string outbound_endpoint,
                const AnalyzerRegistry &registry);
  ~SessionWorker();  // finishes the job in progress, drops the rest
  SessionWorker(const SessionWorker &) = delete;
  SessionWorker &operator=(const SessionWorker &) = delete;

  void post(UnitJob job);
  std::size_t backlog() const;  // queued + running

 private:
  void run();
  void handle(UnitJob &job, zmq::socket_t &out);
  void setup(UnitJob &job, zmq::socket_t &out);
  void infer(UnitJob &job, Analyzer &analyzer, zmq::socket_t &out);

  zmq::context_t &context_;
  const std::string outbound_endpoint_;
  const AnalyzerRegistry &registry_;
  std::map<std::string, std::unique_ptr<Analyzer>> analyzers_;  // worker thread only

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<UnitJob> jobs_;
  bool running_job_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace meetgate::infer
