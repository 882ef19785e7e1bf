#include "pending_table.hpp"

namespace meetgate::infer {

void PendingTable::insert(PendingRequest request) {
  std::string id = request.request_id;
  requests_.insert_or_assign(std::move(id), std::move(request));
}

PendingRequest *PendingTable::find(const std::string &request_id) {
  const auto found = requests_.find(request_id);
  return found == requests_.end() ? nullptr : &found->second;
}

std::optional<PendingRequest> PendingTable::take(const std::string &request_id) {
  const auto found = requests_.find(request_id);
  if (found == requests_.end()) return std::nullopt;
  PendingRequest request = std::move(found->second);
  requests_.erase(found);
  return request;
}

std::vector<PendingRequest> PendingTable::take_expired(Clock::time_point now) {
  std::vector<PendingRequest> out;
  for (auto it = requests_.begin(); it != requests_.end();) {
    if (it->second.deadline <= now) {
      out.push_back(std::move(it->second));
      it = requests_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

std::vector<PendingRequest> PendingTable::take_for_unit(const std::string &unit_id) {
  std::vector<PendingRequest> out;
  for (auto it = requests_.begin(); it != requests_.end();) {
    if (it->second.unit_id == unit_id) {
      out.push_back(std::move(it->second));
      it = requests_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

std::vector<PendingRequest> PendingTable::take_all() {
  std::vector<PendingRequest> out;
  for (auto &[id, request] : requests_) out.push_back(std::move(request));
  requests_.clear();
  return out;
}

}  // namespace meetgate::infer
