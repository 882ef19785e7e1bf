// The C ABI face of the ai plugin: the one exported symbol, the static
// mg_plugin table and thin entry points. No C++ exception crosses the ABI.
#include <meetgate/plugin.h>

#include <exception>
#include <memory>

#include "ai_plugin.hpp"

namespace {

using meetgate::ai::AiConfig;
using meetgate::ai::AiPlugin;

const mg_core_callbacks *g_core = nullptr;
std::unique_ptr<AiPlugin> g_ai;
extern mg_plugin g_plugin;

int ai_init(const mg_core_callbacks *core, const char *config_path) {
  g_core = core;
  try {
    AiConfig config;
    std::string error;
    if (!AiConfig::load(config_path, config, error)) {
      core->log(&g_plugin, MG_LOG_ERROR, "%s", error.c_str());
      return -1;
    }
    if (!config.enabled) {
      core->log(&g_plugin, MG_LOG_INFO, "disabled by general.enabled = false");
      return -1;
    }
    auto ai = std::make_unique<AiPlugin>(&g_plugin, core, std::move(config));
    ai->start();
    g_ai = std::move(ai);
    return 0;
  } catch (const std::exception &error) {
    core->log(&g_plugin, MG_LOG_ERROR, "init failed: %s", error.what());
    return -1;
  }
}

void ai_destroy() {
  g_ai.reset();
}

const char *ai_package() {
  return meetgate::ai::kPackage;
}
const char *ai_name() {
  return "ai";
}
const char *ai_version() {
  return meetgate::ai::kVersion;
}
const char *ai_description() {
  return "AI analysis: REST tasks and live captions/faces/quality through inference units over "
         "ZeroMQ";
}

mg_result ai_create_session(mg_plugin_session *, const mg_session_info *) {
  return mg_result_error(404, "the ai plugin has no WebSocket sessions");
}

void ai_destroy_session(mg_plugin_session *) {}

mg_result ai_handle_message(mg_plugin_session *, const char *, const json_t *) {
  return mg_result_error(404, "the ai plugin has no WebSocket sessions");
}

void ai_handle_http(const mg_http_request *request, mg_http_responder *responder) {
  try {
    g_ai->handle_http(request, responder);
  } catch (const std::exception &error) {
    g_core->log(&g_plugin, MG_LOG_ERROR, "handle_http: %s", error.what());
    g_core->respond_json(responder, 500, "internal error", json_string("see the gateway log"));
  }
}

void ai_handle_event(const char *topic, const json_t *event) {
  if (g_ai) g_ai->handle_event(topic, event);
}

json_t *ai_handle_admin_message(const json_t *message) {
  try {
    return g_ai ? g_ai->handle_admin_message(message) : nullptr;
  } catch (const std::exception &) {
    return nullptr;
  }
}

mg_plugin g_plugin = {
    .api_version = MEETGATE_PLUGIN_API_VERSION,
    .init = ai_init,
    .destroy = ai_destroy,
    .get_package = ai_package,
    .get_name = ai_name,
    .get_version_string = ai_version,
    .get_description = ai_description,
    .create_session = ai_create_session,
    .destroy_session = ai_destroy_session,
    .query_session = nullptr,
    .handle_message = ai_handle_message,
    .handle_http = ai_handle_http,
    .handle_event = ai_handle_event,
    .handle_admin_message = ai_handle_admin_message,
    .media_event = nullptr,
    .incoming_rtp = nullptr,
    .incoming_rtcp = nullptr,
    .incoming_data = nullptr,
    .hangup_media = nullptr,
};

}  // namespace

extern "C" MG_EXPORT mg_plugin *meetgate_plugin_create(void) {
  return &g_plugin;
}
