// WebSocket paths declared by plugins: a connection to an exact path becomes
// a session of the plugin that declared it.
#pragma once

#include <meetgate/plugin.h>

#include <map>
#include <shared_mutex>
#include <string>

namespace meetgate::core {

class WsPathTable {
 public:
  bool add(const std::string &path, mg_plugin *owner);  // false if malformed or taken
  mg_plugin *owner_of(std::string_view path) const;     // nullptr if unknown
  void remove_owner(const mg_plugin *owner);

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, mg_plugin *, std::less<>> paths_;
};

}  // namespace meetgate::core
