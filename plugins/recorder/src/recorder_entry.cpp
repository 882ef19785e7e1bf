// The C ABI face of the recorder plugin: the exported symbol, the static
// mg_plugin table and thin entry points. No C++ exception crosses the ABI.
#include <meetgate/plugin.h>

#include <exception>
#include <memory>

#include "recorder_plugin.hpp"

namespace {

using meetgate::recorder::RecorderConfig;
using meetgate::recorder::RecorderPlugin;

const mg_core_callbacks *g_core = nullptr;
std::unique_ptr<RecorderPlugin> g_recorder;
extern mg_plugin g_plugin;

int recorder_init(const mg_core_callbacks *core, const char *config_path) {
  g_core = core;
  try {
    RecorderConfig config;
    std::string error;
    if (!RecorderConfig::load(config_path, config, error)) {
      core->log(&g_plugin, MG_LOG_ERROR, "%s", error.c_str());
      return -1;
    }
    if (!config.enabled) {
      core->log(&g_plugin, MG_LOG_INFO, "disabled by general.enabled = false");
      return -1;
    }
    auto recorder = std::make_unique<RecorderPlugin>(&g_plugin, core, std::move(config));
    if (!recorder->register_with_core()) {
      core->log(&g_plugin, MG_LOG_ERROR, "cannot register routes or subscriptions");
      return -1;
    }
    g_recorder = std::move(recorder);
    return 0;
  } catch (const std::exception &error) {
    core->log(&g_plugin, MG_LOG_ERROR, "init failed: %s", error.what());
    return -1;
  }
}

void recorder_destroy() {
  g_recorder.reset();
}

const char *recorder_package() {
  return meetgate::recorder::kPackage;
}
const char *recorder_name() {
  return "recorder";
}
const char *recorder_version() {
  return meetgate::recorder::kVersion;
}
const char *recorder_description() {
  return "Meeting recordings (per track and composite, GStreamer) and media files";
}

mg_result recorder_create_session(mg_plugin_session *, const mg_session_info *) {
  return mg_result_error(404, "the recorder plugin has no WebSocket sessions");
}

void recorder_destroy_session(mg_plugin_session *) {}

mg_result recorder_handle_message(mg_plugin_session *, const char *, const json_t *) {
  return mg_result_error(404, "the recorder plugin has no WebSocket sessions");
}

void recorder_handle_http(const mg_http_request *request, mg_http_responder *responder) {
  try {
    g_recorder->handle_http(request, responder);
  } catch (const std::exception &error) {
    g_core->log(&g_plugin, MG_LOG_ERROR, "handle_http: %s", error.what());
    g_core->respond_json(responder, 500, "internal error", json_string("see the gateway log"));
  }
}

void recorder_handle_event(const char *topic, const json_t *event) {
  if (g_recorder) g_recorder->handle_event(topic, event);
}

mg_plugin g_plugin = {
    .api_version = MEETGATE_PLUGIN_API_VERSION,
    .init = recorder_init,
    .destroy = recorder_destroy,
    .get_package = recorder_package,
    .get_name = recorder_name,
    .get_version_string = recorder_version,
    .get_description = recorder_description,
    .create_session = recorder_create_session,
    .destroy_session = recorder_destroy_session,
    .query_session = nullptr,
    .handle_message = recorder_handle_message,
    .handle_http = recorder_handle_http,
    .handle_event = recorder_handle_event,
    .handle_admin_message = nullptr,
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
