#include "plugin_callbacks.hpp"

#include <cstdarg>

#include "gateway.hpp"
#include "logger.hpp"

namespace meetgate::core {
namespace {

// Every callback tolerates being called when no Gateway runs (a plugin thread
// outliving shutdown): it then does nothing and reports failure.
Gateway *gateway() {
  return Gateway::current();
}

void plugin_log(mg_plugin *self, mg_log_level level, const char *fmt, ...) {
  Gateway *core = gateway();
  const std::string module = core ? core->module_name(self) : "?";
  va_list args;
  va_start(args, fmt);
  Logger::instance().vlog(level, module, fmt ? fmt : "", args);
  va_end(args);
}

const char *setting(const char *key) {
  Gateway *core = gateway();
  return core && key ? core->settings().get(key) : nullptr;
}

int push_event(mg_plugin *, mg_plugin_session *session, const char *transaction, json_t *message) {
  Gateway *core = gateway();
  if (!core) {
    json_decref(message);
    return -1;
  }
  return core->sessions().push_event(session, transaction, message);
}

void close_session(mg_plugin *, mg_plugin_session *session, const char *reason) {
  if (Gateway *core = gateway()) core->sessions().close_session(session, reason);
}

int register_route(mg_plugin *self, const char *prefix, size_t max_body) {
  Gateway *core = gateway();
  if (!core || !prefix) return -1;
  if (core->routes().add(prefix, self, max_body)) {
    log_core(MG_LOG_DEBUG, "route %s -> %s", prefix, core->module_name(self).c_str());
    return 0;
  }
  auto existing = core->routes().match(prefix);
  const std::string reason = !RouteTable::valid_prefix(prefix) ? "malformed prefix"
                             : existing && existing->prefix == prefix
                                 ? "already taken by " + core->module_name(existing->owner)
                                 : "refused";
  log_core(MG_LOG_ERROR, "route %s of %s refused: %s", prefix, core->module_name(self).c_str(),
           reason.c_str());
  return -1;
}

int register_ws_path(mg_plugin *self, const char *path) {
  Gateway *core = gateway();
  if (!core || !path) return -1;
  if (core->ws_paths().add(path, self)) return 0;
  mg_plugin *owner = core->ws_paths().owner_of(path);
  log_core(MG_LOG_ERROR, "WebSocket path %s of %s refused: %s", path,
           core->module_name(self).c_str(),
           owner ? ("already taken by " + core->module_name(owner)).c_str() : "malformed path");
  return -1;
}

void respond_json(mg_http_responder *responder, int status, const char *message, json_t *data) {
  Gateway *core = gateway();
  if (!core) {
    json_decref(data);
    return;
  }
  core->respond_json(responder, status, message, data);
}

void respond_raw(mg_http_responder *responder, const mg_http_response *response) {
  Gateway *core = gateway();
  if (core && response) core->respond_raw(responder, *response);
}

int register_service(mg_plugin *self, const char *name, mg_service_fn fn, void *opaque) {
  Gateway *core = gateway();
  if (!core || !name) return -1;
  if (core->services().add(name, self, fn, opaque)) {
    log_core(MG_LOG_DEBUG, "service %s offered by %s", name, core->module_name(self).c_str());
    return 0;
  }
  log_core(MG_LOG_ERROR, "service %s of %s refused: name taken or no function", name,
           core->module_name(self).c_str());
  return -1;
}

int call_service(const char *name, const json_t *request, json_t **response) {
  Gateway *core = gateway();
  if (!core) {
    if (response) *response = json_string("the core is shutting down");
    return 503;
  }
  return core->services().call(name, request, response);
}

void publish(mg_plugin *self, const char *topic, const json_t *event) {
  Gateway *core = gateway();
  if (!core || !topic || !*topic) return;
  if (!core->bus().publish(topic, event)) {
    log_core(MG_LOG_WARN, "event %s from %s dropped: the bus is stopped", topic,
             core->module_name(self).c_str());
  }
}

int subscribe(mg_plugin *self, const char *pattern) {
  Gateway *core = gateway();
  if (!core || !pattern || !*pattern || !self) return -1;
  if (self->handle_event == nullptr) {
    log_core(MG_LOG_ERROR, "%s subscribes to %s but has no handle_event",
             core->module_name(self).c_str(), pattern);
    return -1;
  }
  auto handle_event = self->handle_event;
  core->bus().subscribe(self, pattern,
                        [handle_event](const std::string &topic, const json_t *event) {
                          handle_event(topic.c_str(), event);
                        });
  return 0;
}

void metric(mg_plugin *self, const char *name, const char *labels, double value, bool counter) {
  Gateway *core = gateway();
  if (!core || !name) return;
  const std::string label_text = labels ? labels : "";
  const bool recorded = counter ? core->metrics().add(name, label_text, value)
                                : core->metrics().set(name, label_text, value);
  if (!recorded) {
    log_core(MG_LOG_WARN, "metric %s{%s} from %s refused: malformed name/labels or kind changed",
             name, label_text.c_str(), core->module_name(self).c_str());
  }
}

void metric_add(mg_plugin *self, const char *name, const char *labels, double delta) {
  metric(self, name, labels, delta, true);
}

void metric_set(mg_plugin *self, const char *name, const char *labels, double value) {
  metric(self, name, labels, value, false);
}

}  // namespace

mg_core_callbacks make_plugin_callbacks() {
  mg_core_callbacks callbacks{};
  callbacks.log = plugin_log;
  callbacks.setting = setting;
  callbacks.push_event = push_event;
  callbacks.close_session = close_session;
  callbacks.register_route = register_route;
  callbacks.register_ws_path = register_ws_path;
  callbacks.respond_json = respond_json;
  callbacks.respond_raw = respond_raw;
  callbacks.register_service = register_service;
  callbacks.call_service = call_service;
  callbacks.publish = publish;
  callbacks.subscribe = subscribe;
  callbacks.metric_add = metric_add;
  callbacks.metric_set = metric_set;
  return callbacks;
}

}  // namespace meetgate::core
