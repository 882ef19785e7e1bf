// One worker thread that runs jobs in order. The echo test uses it to show
// the asynchronous pattern every real plugin needs: an entry point answers
// MG_RESULT_ACK (or keeps an HTTP responder) and returns at once; the work
// and the answer (push_event / respond_json) happen here, on a plugin-owned
// thread. Core callbacks may be called from any thread until destroy().
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace meetgate::echotest {

class WorkQueue {
 public:
  WorkQueue();
  // Runs every job still queued, then joins the thread: pending HTTP
  // requests must still be answered exactly once.
  ~WorkQueue();

  WorkQueue(const WorkQueue &) = delete;
  WorkQueue &operator=(const WorkQueue &) = delete;

  // Queue a job. Never blocks on the job itself.
  void post(std::function<void()> job);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace meetgate::echotest
