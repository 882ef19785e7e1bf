#include "admin_api.hpp"

#include <openssl/crypto.h>

#include <string_view>

#include "health_report.hpp"

namespace meetgate::core {

bool AdminApi::secret_matches(const std::string &configured, const char *provided) {
  if (provided == nullptr || configured.empty()) return false;
  const std::string_view given(provided);
  if (given.size() != configured.size()) return false;
  return CRYPTO_memcmp(given.data(), configured.data(), configured.size()) == 0;
}

void AdminApi::handle(const mg_http_request &request, mg_http_responder *responder) {
  const std::string &secret = gateway_.config().admin_secret;
  if (secret.empty()) {
    gateway_.respond_json(responder, 404, "admin API disabled",
                          json_string("admin.secret is not set"));
    return;
  }
  json_error_t error;
  JsonPtr body = adopt_json(
      request.body && request.body_len
          ? json_loadb(reinterpret_cast<const char *>(request.body), request.body_len, 0, &error)
          : nullptr);
  if (!json_is_object(body.get())) {
    gateway_.respond_json(responder, 400, "invalid request",
                          json_string("the body must be a JSON object"));
    return;
  }
  if (!secret_matches(secret, json_string_value(json_object_get(body.get(), "admin_secret")))) {
    gateway_.respond_json(responder, 403, "forbidden",
                          json_string("missing or wrong admin_secret"));
    return;
  }
  const char *what = json_string_value(json_object_get(body.get(), "request"));
  const std::string_view name = what ? what : "";
  if (name == "list_plugins") {
    gateway_.respond_json(
        responder, 200, "success",
        json_pack("{s:o}", "plugins", HealthReport(gateway_).plugins().release()));
  } else if (name == "list_sessions") {
    auto plugin_name = [this](const mg_plugin *plugin) { return gateway_.module_package(plugin); };
    gateway_.respond_json(
        responder, 200, "success",
        json_pack("{s:o}", "sessions", gateway_.sessions().describe(plugin_name).release()));
  } else if (name == "list_routes") {
    json_t *routes = json_array();
    for (const RouteMatch &route : gateway_.routes().all()) {
      json_array_append_new(routes, json_pack("{s:s, s:s, s:I}", "prefix", route.prefix.c_str(),
                                              "owner", gateway_.module_package(route.owner).c_str(),
                                              "max_body", static_cast<json_int_t>(route.max_body)));
    }
    gateway_.respond_json(responder, 200, "success", json_pack("{s:o}", "routes", routes));
  } else if (name == "plugin_message") {
    plugin_message(body.get(), responder);
  } else {
    const std::string text = "unknown request '" + std::string(name) +
                             "' (list_plugins, list_sessions, list_routes, plugin_message)";
    gateway_.respond_json(responder, 400, "invalid request", json_string(text.c_str()));
  }
}

void AdminApi::plugin_message(const json_t *body, mg_http_responder *responder) {
  const char *package = json_string_value(json_object_get(body, "plugin"));
  const json_t *message = json_object_get(body, "message");
  if (package == nullptr || !json_is_object(message)) {
    gateway_.respond_json(
        responder, 400, "invalid request",
        json_string("plugin_message needs \"plugin\" (string) and \"message\" (object)"));
    return;
  }
  mg_plugin *plugin = gateway_.find_plugin(package);
  if (plugin == nullptr) {
    const std::string text = std::string("no plugin ") + package;
    gateway_.respond_json(responder, 404, "not found", json_string(text.c_str()));
    return;
  }
  if (plugin->handle_admin_message == nullptr) {
    gateway_.respond_json(responder, 501, "not implemented",
                          json_string("the plugin has no admin messages"));
    return;
  }
  json_t *answer = plugin->handle_admin_message(message);
  gateway_.respond_json(responder, 200, "success",
                        json_pack("{s:s, s:o}", "plugin", gateway_.module_package(plugin).c_str(),
                                  "response", answer ? answer : json_null()));
}

}  // namespace meetgate::core
