// The running plugin: its context, router and worker pool, and the two
// services it offers (auth.verify_token, auth.get_user).
#pragma once

#include <meetgate/plugin.h>

#include <meetgate/pluginkit/worker_pool.hpp>
#include <memory>

#include "auth_context.hpp"
#include "auth_router.hpp"

namespace meetgate::auth {

class AuthPlugin {
 public:
  // Throws (ConfigError, storage::Error, ...) when it cannot start.
  AuthPlugin(const mg_core_callbacks *core, mg_plugin *self, AuthConfig config);
  ~AuthPlugin();

  void handle_http(const mg_http_request *request, mg_http_responder *responder);
  // The service contracts of /tmp/contracts.md (mg_service_fn semantics).
  int verify_token(const json_t *request, json_t **response);
  int get_user(const json_t *request, json_t **response);

 private:
  void register_routes();
  AuthContext context_;
  AuthRouter router_;
  pluginkit::WorkerPool pool_;
};

}  // namespace meetgate::auth
