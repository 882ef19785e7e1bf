#include "responder_registry.hpp"

namespace meetgate::transport {

bool ResponderRegistry::add(const std::shared_ptr<PendingRequest> &pending) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  waiting_.emplace(pending.get(), pending);
  return true;
}

std::shared_ptr<PendingRequest> ResponderRegistry::take(const mg_http_responder *responder) {
  std::lock_guard lock(mutex_);
  auto found = waiting_.find(responder);
  if (found == waiting_.end()) return nullptr;
  std::shared_ptr<PendingRequest> pending = std::move(found->second);
  waiting_.erase(found);
  return pending;
}

std::vector<std::shared_ptr<PendingRequest>> ResponderRegistry::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  std::vector<std::shared_ptr<PendingRequest>> all;
  all.reserve(waiting_.size());
  for (auto &[key, pending] : waiting_) all.push_back(std::move(pending));
  waiting_.clear();
  return all;
}

size_t ResponderRegistry::size() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

}  // namespace meetgate::transport
