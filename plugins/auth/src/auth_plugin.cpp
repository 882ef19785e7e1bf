#include "auth_plugin.hpp"

#include <meetgate/pluginkit/http_exchange.hpp>

#include "admin_bootstrap.hpp"
#include "api_error.hpp"

namespace meetgate::auth {
namespace {

int service_error(json_t **response, int status, const std::string &message) {
  if (response) *response = json_string(message.c_str());
  return status;
}

}  // namespace

AuthPlugin::AuthPlugin(const mg_core_callbacks *core, mg_plugin *self, AuthConfig config)
    : context_(core, self, std::move(config)),
      router_(context_),
      pool_(static_cast<size_t>(context_.config.workers),
            static_cast<size_t>(context_.config.queue_limit)) {
  AdminBootstrap::ensure(context_);
  register_routes();
}

AuthPlugin::~AuthPlugin() {
  pool_.stop();
}

void AuthPlugin::register_routes() {
  const mg_core_callbacks *core = context_.core;
  constexpr size_t kJsonBodyLimit = 64 * 1024;
  for (const std::string &prefix : AuthRouter::json_prefixes()) {
    if (core->register_route(context_.self, prefix.c_str(), kJsonBodyLimit) != 0) {
      context_.log(MG_LOG_WARN, "route prefix " + prefix + " refused by the core");
    }
  }
  // Multipart overhead on top of the image itself.
  const size_t upload_limit = static_cast<size_t>(context_.config.avatar_max_bytes) + 64 * 1024;
  for (const std::string &prefix : AuthRouter::upload_prefixes()) {
    if (core->register_route(context_.self, prefix.c_str(), upload_limit) != 0) {
      context_.log(MG_LOG_WARN, "route prefix " + prefix + " refused by the core");
    }
  }
}

void AuthPlugin::handle_http(const mg_http_request *request, mg_http_responder *responder) {
  auto exchange = std::make_shared<pluginkit::HttpExchange>(context_.core, request, responder);
  if (AuthRouter::is_inline(exchange->method(), exchange->path())) {
    router_.dispatch(*exchange);
    return;
  }
  const bool queued = pool_.submit([this, exchange] { router_.dispatch(*exchange); });
  if (!queued) {
    exchange->add_header("Retry-After", "1");
    exchange->reply(503, "server busy", json_string("auth request queue is full"));
  }
}

int AuthPlugin::verify_token(const json_t *request, json_t **response) {
  json_t *token = json_object_get(request, "token");
  if (!json_is_string(token)) return service_error(response, 400, "token is required");
  try {
    TokenClaims claims = context_.tokens.verify(json_string_value(token), TokenType::kAccess);
    json_t *out = json_object();
    json_object_set_new(out, "user_id", json_integer(claims.user_id));
    json_object_set_new(out, "username", json_string(claims.username.c_str()));
    json_object_set_new(out, "email", json_string(claims.email.c_str()));
    json_object_set_new(out, "role", json_string(claims.role.c_str()));
    json_object_set_new(out, "jti", json_string(claims.jti.c_str()));
    json_object_set_new(out, "exp", json_integer(claims.expires_at));
    *response = out;
    return 0;
  } catch (const ApiError &error) {
    return service_error(response, error.status(), error.detail());
  } catch (const std::exception &error) {
    context_.log(MG_LOG_ERROR, std::string("auth.verify_token: ") + error.what());
    return service_error(response, 503, "token verification unavailable");
  }
}

int AuthPlugin::get_user(const json_t *request, json_t **response) {
  json_t *id = json_object_get(request, "user_id");
  if (!json_is_integer(id) || json_integer_value(id) < 1) {
    return service_error(response, 400, "user_id must be a positive integer");
  }
  try {
    std::optional<UserRecord> user = context_.users.find_by_id(json_integer_value(id));
    if (!user) return service_error(response, 404, "user not found");
    json_t *out = json_object();
    json_object_set_new(out, "user_id", json_integer(user->id));
    json_object_set_new(out, "username", json_string(user->username.c_str()));
    json_object_set_new(out, "email", json_string(user->email.c_str()));
    json_object_set_new(out, "nickname", json_string(user->nickname.c_str()));
    json_object_set_new(out, "avatar_url", json_string(user->avatar_url.c_str()));
    json_object_set_new(out, "role", json_string(user->role.c_str()));
    json_object_set_new(out, "status", json_string(user->status.c_str()));
    *response = out;
    return 0;
  } catch (const std::exception &error) {
    context_.log(MG_LOG_ERROR, std::string("auth.get_user: ") + error.what());
    return service_error(response, 503, "user lookup unavailable");
  }
}

}  // namespace meetgate::auth
