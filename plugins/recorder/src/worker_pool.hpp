// A few plugin-owned threads that run queued jobs: handle_http keeps the
// responder, queues the work and returns, so database and hashing work never
// holds the HTTP transport's threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace meetgate::recorder {

class WorkerPool {
 public:
  explicit WorkerPool(size_t threads);
  // Runs every job still queued, then joins: pending requests are answered.
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  void post(std::function<void()> job);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // last: started once the members above exist
};

}  // namespace meetgate::recorder
