// The C ABI face of the auth plugin: the mg_plugin table and the exported
// create function. Everything else lives in AuthPlugin.
#include <meetgate/plugin.h>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "auth_config.hpp"
#include "auth_plugin.hpp"

namespace {

using meetgate::auth::AuthConfig;
using meetgate::auth::AuthPlugin;

// Atomic so a service call or request racing with destroy() sees either the
// live plugin (kept alive by its own reference) or nothing.
std::atomic<std::shared_ptr<AuthPlugin>> g_plugin;
mg_plugin g_table{};
const mg_core_callbacks *g_core = nullptr;

int unavailable(json_t **response) {
  if (response) *response = json_string("auth plugin is not running");
  return 503;
}

int service_verify_token(void *, const json_t *request, json_t **response) {
  std::shared_ptr<AuthPlugin> plugin = g_plugin.load();
  return plugin ? plugin->verify_token(request, response) : unavailable(response);
}

int service_get_user(void *, const json_t *request, json_t **response) {
  std::shared_ptr<AuthPlugin> plugin = g_plugin.load();
  return plugin ? plugin->get_user(request, response) : unavailable(response);
}

int auth_init(const mg_core_callbacks *core, const char *config_path) {
  g_core = core;
  try {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    const char *development = core->setting("development");
    const bool dev = development != nullptr && std::string(development) == "1";
    AuthConfig config =
        AuthConfig::load(config_path ? config_path : "", dev, [core](const std::string &warning) {
          core->log(&g_table, MG_LOG_WARN, "%s", warning.c_str());
        });
    if (!config.enabled) {
      core->log(&g_table, MG_LOG_INFO, "auth plugin disabled by its config");
      return -1;
    }
    g_plugin.store(std::make_shared<AuthPlugin>(core, &g_table, std::move(config)));
    if (core->register_service(&g_table, "auth.verify_token", service_verify_token, nullptr) != 0 ||
        core->register_service(&g_table, "auth.get_user", service_get_user, nullptr) != 0) {
      throw std::runtime_error("auth services already taken by another plugin");
    }
  } catch (const std::exception &error) {
    core->log(&g_table, MG_LOG_ERROR, "auth plugin cannot start: %s", error.what());
    g_plugin.store(nullptr);
    return -1;
  }
  return 0;
}

void auth_destroy() {
  // Wait (bounded) for calls still holding the plugin, so it is torn down
  // here and not on a caller's thread after destroy returned.
  std::shared_ptr<AuthPlugin> last = g_plugin.exchange(nullptr);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (last && last.use_count() > 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  last.reset();
}

const char *auth_package() {
  return "meetgate.plugin.auth";
}
const char *auth_name() {
  return "auth";
}
const char *auth_version() {
  return "0.1.0";
}
const char *auth_description() {
  return "Users, passwords (Argon2id), JWT sessions, CSRF, rate limits, avatars";
}

void auth_handle_http(const mg_http_request *request, mg_http_responder *responder) {
  if (std::shared_ptr<AuthPlugin> plugin = g_plugin.load()) {
    plugin->handle_http(request, responder);
    return;
  }
  g_core->respond_json(responder, 503, "auth plugin is not running", nullptr);
}

}  // namespace

extern "C" MG_EXPORT mg_plugin *meetgate_plugin_create(void) {
  static std::once_flag once;
  std::call_once(once, [] {
    g_table.api_version = MEETGATE_PLUGIN_API_VERSION;
    g_table.init = auth_init;
    g_table.destroy = auth_destroy;
    g_table.get_package = auth_package;
    g_table.get_name = auth_name;
    g_table.get_version_string = auth_version;
    g_table.get_description = auth_description;
    g_table.handle_http = auth_handle_http;
  });
  return &g_table;
}
