#include "ws_path_table.hpp"

#include <mutex>

#include "route_table.hpp"

namespace meetgate::core {

bool WsPathTable::add(const std::string &path, mg_plugin *owner) {
  if (!RouteTable::valid_prefix(path)) return false;
  std::unique_lock lock(mutex_);
  return paths_.emplace(path, owner).second;
}

mg_plugin *WsPathTable::owner_of(std::string_view path) const {
  std::shared_lock lock(mutex_);
  auto found = paths_.find(path);
  return found == paths_.end() ? nullptr : found->second;
}

void WsPathTable::remove_owner(const mg_plugin *owner) {
  std::unique_lock lock(mutex_);
  std::erase_if(paths_, [owner](const auto &entry) { return entry.second == owner; });
}

}  // namespace meetgate::core
