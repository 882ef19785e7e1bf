// Named services plugins offer each other ("auth.verify_token"), called
// through the core so plugins never link against each other.
#pragma once

#include <meetgate/plugin.h>

#include <map>
#include <shared_mutex>
#include <string>
#include <vector>

namespace meetgate::core {

class ServiceRegistry {
 public:
  // False if the name is malformed or already offered.
  bool add(const std::string &name, mg_plugin *provider, mg_service_fn fn, void *opaque);
  // mg_service_fn's contract; 503 + a JSON string when nobody offers `name`.
  int call(const char *name, const json_t *request, json_t **response) const;
  void remove_provider(const mg_plugin *provider);
  std::vector<std::string> names() const;

 private:
  struct Service {
    mg_plugin *provider;
    mg_service_fn fn;
    void *opaque;
  };
  mutable std::shared_mutex mutex_;
  std::map<std::string, Service, std::less<>> services_;
};

}  // namespace meetgate::core
