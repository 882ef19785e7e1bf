#include "route_table.hpp"

#include <mutex>

namespace meetgate::core {

bool RouteTable::valid_prefix(std::string_view prefix) {
  if (prefix.empty() || prefix.front() != '/') return false;
  if (prefix.size() > 1 && prefix.back() == '/') return false;
  return prefix.find_first_of("?#* \t\r\n") == std::string_view::npos;
}

bool RouteTable::add(const std::string &prefix, mg_plugin *owner, size_t max_body) {
  if (!valid_prefix(prefix)) return false;
  std::unique_lock lock(mutex_);
  return routes_.emplace(prefix, RouteMatch{prefix, owner, max_body}).second;
}

std::optional<RouteMatch> RouteTable::match(std::string_view path) const {
  std::shared_lock lock(mutex_);
  // Walk the path's own prefixes from the longest down, cutting at each '/':
  // a handful of map lookups, whatever the number of routes.
  std::string_view candidate = path;
  while (!candidate.empty()) {
    auto found = routes_.find(candidate);
    if (found != routes_.end()) return found->second;
    const size_t slash = candidate.rfind('/');
    if (slash == std::string_view::npos) break;
    candidate =
        slash == 0 && candidate.size() > 1 ? candidate.substr(0, 1) : candidate.substr(0, slash);
  }
  return std::nullopt;
}

void RouteTable::remove_owner(const mg_plugin *owner) {
  std::unique_lock lock(mutex_);
  std::erase_if(routes_, [owner](const auto &entry) { return entry.second.owner == owner; });
}

std::vector<RouteMatch> RouteTable::all() const {
  std::shared_lock lock(mutex_);
  std::vector<RouteMatch> result;
  for (const auto &[prefix, route] : routes_) result.push_back(route);
  return result;
}

}  // namespace meetgate::core
