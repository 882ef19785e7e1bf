// POST /admin: a small Admin API in the spirit of Janus's. The body is a JSON
// object {"admin_secret":"...","request":"...", ...}:
//   list_plugins                          -> {"plugins":[...]}
//   list_sessions                         -> {"sessions":[...]}
//   list_routes                           -> {"routes":[{prefix, owner, max_body}]}
//   plugin_message {plugin, message}      -> {"plugin":..,"response":<handle_admin_message>}
// 404 when admin.secret is empty (the API is off), 403 on a wrong secret,
// 400 on a malformed body or unknown request.
#pragma once

#include "gateway.hpp"

namespace meetgate::core {

class AdminApi {
 public:
  explicit AdminApi(Gateway &gateway) : gateway_(gateway) {}
  void handle(const mg_http_request &request, mg_http_responder *responder);

  // Constant-time comparison of the provided secret with the configured one.
  static bool secret_matches(const std::string &configured, const char *provided);

 private:
  void plugin_message(const json_t *body, mg_http_responder *responder);
  Gateway &gateway_;
};

}  // namespace meetgate::core
