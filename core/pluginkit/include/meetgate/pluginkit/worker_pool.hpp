// A small fixed pool of plugin-owned threads with an optionally bounded
// queue: handle_http copies the request (HttpExchange), queues the work here
// and returns, so database, hashing and disk work never hold the transport's
// threads. Destroying (or stopping) the pool runs every job still queued, so
// every accepted request is answered.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace meetgate::pluginkit {

class WorkerPool {
 public:
  static constexpr size_t kUnbounded = std::numeric_limits<size_t>::max();

  // At least one thread is started even when `threads` is 0.
  explicit WorkerPool(size_t threads, size_t queue_limit = kUnbounded);
  ~WorkerPool();  // stop()
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  // False when the queue is full or the pool is stopping; the job is then
  // dropped (the caller answers 503, or lets the HttpExchange answer 500).
  bool submit(std::function<void()> job);
  // Refuses new work, runs what is queued, joins. Idempotent.
  void stop();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  size_t queue_limit_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // last: started once the members above exist
};

}  // namespace meetgate::pluginkit
