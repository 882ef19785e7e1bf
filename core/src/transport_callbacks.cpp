#include "transport_callbacks.hpp"

#include <cstdarg>

#include "envelope.hpp"
#include "gateway.hpp"
#include "http_dispatcher.hpp"
#include "logger.hpp"

namespace meetgate::core {
namespace {

Gateway *gateway() {
  return Gateway::current();
}

void transport_log(mg_transport *self, mg_log_level level, const char *fmt, ...) {
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

void incoming_http(mg_transport *self, const mg_http_request *request,
                   mg_http_responder *responder) {
  Gateway *core = gateway();
  if (core == nullptr) {
    // No core to route to: answer at once so the transport can release it.
    const std::string body = dump_json(make_envelope(503, "shutting down", nullptr, "").get());
    mg_http_response response{};
    response.status = 503;
    response.content_type = "application/json";
    response.body = reinterpret_cast<const uint8_t *>(body.data());
    response.body_len = body.size();
    if (self && self->http_send) self->http_send(responder, &response);
    return;
  }
  HttpDispatcher(*core).dispatch(self, request, responder);
}

size_t max_body_for(const char *path) {
  Gateway *core = gateway();
  if (!core || !path) return 0;
  auto route = core->routes().match(path);
  return route ? route->max_body : 0;
}

int ws_path_known(const char *path) {
  Gateway *core = gateway();
  return core && path && core->ws_paths().owner_of(path) != nullptr ? 1 : 0;
}

void ws_open(mg_transport *self, mg_transport_conn *conn, const mg_http_request *request,
             mg_ws_accept *result) {
  if (result == nullptr) return;
  Gateway *core = gateway();
  if (!core || !request) {
    result->status = 503;
    result->body = make_envelope(503, "shutting down", nullptr, "").release();
    return;
  }
  core->sessions().open(self, core->module_package(self), conn, request, result);
}

void ws_message(mg_transport *self, mg_transport_conn *conn, const json_t *message) {
  if (Gateway *core = gateway(); core && message) core->sessions().message(self, conn, message);
}

void ws_closed(mg_transport *self, mg_transport_conn *conn) {
  if (Gateway *core = gateway()) core->sessions().closed(self, conn);
}

json_t *error_frame(int code, const char *message, const char *details) {
  return make_error_frame(code, message, details).release();
}

}  // namespace

mg_transport_callbacks make_transport_callbacks() {
  mg_transport_callbacks callbacks{};
  callbacks.log = transport_log;
  callbacks.setting = setting;
  callbacks.incoming_http = incoming_http;
  callbacks.max_body_for = max_body_for;
  callbacks.ws_path_known = ws_path_known;
  callbacks.ws_open = ws_open;
  callbacks.ws_message = ws_message;
  callbacks.ws_closed = ws_closed;
  callbacks.error_frame = error_frame;
  return callbacks;
}

}  // namespace meetgate::core
