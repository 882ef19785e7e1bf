// The bounded queue of REST analysis tasks: at most `capacity` in flight
// (submitted and not yet stored); beyond, a new task is refused at once with
// 429 instead of queueing without bound.
#pragma once

#include <cstddef>
#include <mutex>

namespace meetgate::ai {

class TaskLimit {
 public:
  explicit TaskLimit(std::size_t capacity) : capacity_(capacity) {}
  bool try_acquire();
  void release();
  std::size_t in_flight() const;
  std::size_t capacity() const { return capacity_; }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::size_t in_flight_ = 0;
};

}  // namespace meetgate::ai
