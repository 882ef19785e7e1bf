// The data of GET /health: {status, version, uptime_seconds, node_id,
// plugins:[{package,name,version,description}], transports:[{package,name,
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
  const Gateway &gateway_;
};

}  // namespace meetgate::core
