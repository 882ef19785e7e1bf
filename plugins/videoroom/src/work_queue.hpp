// One worker thread that runs jobs in order (after plugins/echotest). The
// videoroom keeps one for database work (chat storage, history) and one for
// media work (every PeerConnection call and media event), so that entry
// points return at once and media state is only touched by one thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace meetgate::videoroom {

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

}  // namespace meetgate::videoroom
