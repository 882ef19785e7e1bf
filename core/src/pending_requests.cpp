#include "pending_requests.hpp"

namespace meetgate::core {

void PendingRequests::add(mg_http_responder *responder, PendingRequest request) {
  std::lock_guard lock(mutex_);
  pending_[responder] = std::move(request);
}

bool PendingRequests::answer(mg_http_responder *responder,
                             const std::function<void(const PendingRequest &)> &send) {
  std::shared_lock sending(sending_);
  PendingRequest request;
  {
    std::lock_guard lock(mutex_);
    auto found = pending_.find(responder);
    if (found == pending_.end()) return false;
    request = std::move(found->second);
    pending_.erase(found);
  }
  send(request);
  return true;
}

void PendingRequests::forget_transport(const mg_transport *transport) {
  std::unique_lock sending(sending_);
  std::lock_guard lock(mutex_);
  std::erase_if(pending_,
                [transport](const auto &entry) { return entry.second.transport == transport; });
}

size_t PendingRequests::size() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

}  // namespace meetgate::core
