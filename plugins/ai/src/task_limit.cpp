#include "task_limit.hpp"

namespace meetgate::ai {

bool TaskLimit::try_acquire() {
  std::lock_guard lock(mutex_);
  if (in_flight_ >= capacity_) return false;
  ++in_flight_;
  return true;
}

void TaskLimit::release() {
  std::lock_guard lock(mutex_);
  if (in_flight_ > 0) --in_flight_;
}

std::size_t TaskLimit::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}

}  // namespace meetgate::ai
