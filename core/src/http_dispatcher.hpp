// Routes one incoming HTTP request: the core's own /health, /metrics and
// /admin, else the plugin owning the longest matching prefix, else 404.
// Every request is first recorded as pending (for the answer and metrics).
#pragma once

#include "gateway.hpp"

namespace meetgate::core {

class HttpDispatcher {
 public:
  explicit HttpDispatcher(Gateway &gateway) : gateway_(gateway) {}
  void dispatch(mg_transport *transport, const mg_http_request *request,
                mg_http_responder *responder);

  // The Prometheus page for GET /metrics.
  std::string metrics_page() const;

 private:
  void serve_core(const std::string &prefix, const mg_http_request &request,
                  mg_http_responder *responder);
  void method_not_allowed(const mg_http_request &request, mg_http_responder *responder,
                          const char *allowed);
  Gateway &gateway_;
};

}  // namespace meetgate::core
