#include "service_registry.hpp"

#include <mutex>

namespace meetgate::core {

bool ServiceRegistry::add(const std::string &name, mg_plugin *provider, mg_service_fn fn,
                          void *opaque) {
  if (name.empty() || fn == nullptr) return false;
  std::unique_lock lock(mutex_);
  return services_.emplace(name, Service{provider, fn, opaque}).second;
}

int ServiceRegistry::call(const char *name, const json_t *request, json_t **response) const {
  json_t *ignored = nullptr;
  if (response == nullptr) response = &ignored;
  *response = nullptr;
  Service service{};
  {
    std::shared_lock lock(mutex_);
    auto found = name ? services_.find(std::string_view(name)) : services_.end();
    if (found == services_.end()) {
      *response = json_sprintf("no provider for service '%s'", name ? name : "(null)");
      if (response == &ignored) json_decref(ignored);
      return 503;
    }
    service = found->second;
  }
  // Called without the lock: a service may call other services.
  int status = service.fn(service.opaque, request, response);
  if (status != 0 && *response == nullptr) *response = json_string("service failed");
  if (response == &ignored) json_decref(ignored);
  return status;
}

void ServiceRegistry::remove_provider(const mg_plugin *provider) {
  std::unique_lock lock(mutex_);
  std::erase_if(services_,
                [provider](const auto &entry) { return entry.second.provider == provider; });
}

std::vector<std::string> ServiceRegistry::names() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> result;
  for (const auto &entry : services_) result.push_back(entry.first);
  return result;
}

}  // namespace meetgate::core
