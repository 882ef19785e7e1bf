// The data of GET /health: {status, version, uptime_seconds, node_id,
// plugins:[{package,name,version,description,health?}], transports:[{package,name,
// version, ...query()}], sessions, media}.
#pragma once

#include "gateway.hpp"

namespace meetgate::core {

class HealthReport {
 public:
  explicit HealthReport(const Gateway &gateway) : gateway_(gateway) {}
  JsonPtr build() const;
  JsonPtr plugins() const;  // also the Admin API's list_plugins

 private:
  JsonPtr transports() const;
  static JsonPtr plugin_health(mg_plugin *plugin);
  const Gateway &gateway_;
};

}  // namespace meetgate::core
