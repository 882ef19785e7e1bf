#include "connection_registry.hpp"

namespace meetgate::transport {

void ConnectionRegistry::add(const std::shared_ptr<WsConnection> &connection) {
  std::lock_guard lock(mutex_);
  live_.emplace(connection.get(), connection);
}

std::shared_ptr<WsConnection> ConnectionRegistry::find(const mg_transport_conn *handle) const {
  std::lock_guard lock(mutex_);
  auto found = live_.find(handle);
  return found == live_.end() ? nullptr : found->second;
}

std::shared_ptr<WsConnection> ConnectionRegistry::remove(const mg_transport_conn *handle) {
  std::lock_guard lock(mutex_);
  auto found = live_.find(handle);
  if (found == live_.end()) return nullptr;
  std::shared_ptr<WsConnection> connection = std::move(found->second);
  live_.erase(found);
  return connection;
}

size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return live_.size();
}

std::vector<std::shared_ptr<WsConnection>> ConnectionRegistry::snapshot() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<WsConnection>> all;
  all.reserve(live_.size());
  for (const auto &[key, connection] : live_) all.push_back(connection);
  return all;
}

void ConnectionRegistry::mark_busy(const std::shared_ptr<WsConnection> &connection) {
  std::lock_guard lock(mutex_);
  busy_.push_back(connection);
}

std::vector<std::shared_ptr<WsConnection>> ConnectionRegistry::take_busy() {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<WsConnection>> busy;
  busy.swap(busy_);
  return busy;
}

}  // namespace meetgate::transport
