// HTTP route prefixes owned by plugins. A prefix serves the path equal to it
// and every path below it ("/api/v1/meetings" serves "/api/v1/meetings/7"
// but not "/api/v1/meetingsX"); the longest matching prefix wins.
#pragma once

#include <meetgate/plugin.h>

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace meetgate::core {

struct RouteMatch {
  std::string prefix;
  mg_plugin *owner = nullptr;
  size_t max_body = 0;
};

class RouteTable {
 public:
  // False (nothing changes) if the prefix is malformed or already taken.
  bool add(const std::string &prefix, mg_plugin *owner, size_t max_body);
  std::optional<RouteMatch> match(std::string_view path) const;
  // Drop every route of `owner` (its init failed or it was unloaded).
  void remove_owner(const mg_plugin *owner);
  std::vector<RouteMatch> all() const;

  // A well-formed prefix: starts with '/', no trailing '/' (except "/"),
  // no query or fragment.
  static bool valid_prefix(std::string_view prefix);

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, RouteMatch, std::less<>> routes_;
};

}  // namespace meetgate::core
