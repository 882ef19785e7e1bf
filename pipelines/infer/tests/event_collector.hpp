// Collects InferEvents of requests from the client's thread and lets a test
// wait (with a deadline) for final events.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <vector>

#include "client_types.hpp"

namespace meetgate::infer::test {

class EventCollector {
 public:
  InferCallback callback() {
    return [this](InferEvent &&event) {
      std::lock_guard lock(mutex_);
      if (event.final) ++finals_;
      if (event.final && !event.error) ++served_by_[event.unit_id];
      events_.push_back(std::move(event));
      changed_.notify_all();
    };
  }
  bool wait_finals(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return finals_ >= count; });
  }
  std::vector<InferEvent> take() {
    std::lock_guard lock(mutex_);
    std::vector<InferEvent> out = std::move(events_);
    events_.clear();
    finals_ = 0;  // wait_finals counts from the last take()
    return out;
  }
  std::map<std::string, int> served_by() {
    std::lock_guard lock(mutex_);
    return served_by_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<InferEvent> events_;
  std::size_t finals_ = 0;
  std::map<std::string, int> served_by_;
};

}  // namespace meetgate::infer::test
