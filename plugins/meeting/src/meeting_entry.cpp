// The C ABI face of the meeting plugin: the one exported symbol, the static
// mg_plugin table and thin entry points. No C++ exception crosses the ABI:
// each entry point catches, logs and answers a safe fallback.
#include <meetgate/plugin.h>

#include <exception>
#include <memory>

#include "meeting_plugin.hpp"

namespace {

using meetgate::meeting::MeetingConfig;
using meetgate::meeting::MeetingPlugin;

const mg_core_callbacks *g_core = nullptr;
std::unique_ptr<MeetingPlugin> g_meeting;
extern mg_plugin g_plugin;

int meeting_init(const mg_core_callbacks *core, const char *config_path) {
  g_core = core;
  try {
    MeetingConfig config;
    std::string error;
    if (!MeetingConfig::load(config_path, config, error)) {
      core->log(&g_plugin, MG_LOG_ERROR, "%s", error.c_str());
      return -1;
    }
    if (!config.enabled) {
      core->log(&g_plugin, MG_LOG_INFO, "disabled by general.enabled = false");
      return -1;
    }
    auto meeting = std::make_unique<MeetingPlugin>(&g_plugin, core, std::move(config));
    meeting->start();
    g_meeting = std::move(meeting);
    return 0;
  } catch (const std::exception &error) {
    core->log(&g_plugin, MG_LOG_ERROR, "init failed: %s", error.what());
    return -1;
  }
}

void meeting_destroy() {
  g_meeting.reset();
}

const char *meeting_package() {
  return meetgate::meeting::kPackage;
}
const char *meeting_name() {
  return "meeting";
}
const char *meeting_version() {
  return meetgate::meeting::kVersion;
}
const char *meeting_description() {
  return "Meetings and participants: REST API, presence, events and meeting.authorize_join";
}

mg_result meeting_create_session(mg_plugin_session *, const mg_session_info *) {
  return mg_result_error(404, "the meeting plugin has no WebSocket sessions");
}

void meeting_destroy_session(mg_plugin_session *) {}

mg_result meeting_handle_message(mg_plugin_session *, const char *, const json_t *) {
  return mg_result_error(404, "the meeting plugin has no WebSocket sessions");
}

void meeting_handle_http(const mg_http_request *request, mg_http_responder *responder) {
  try {
    g_meeting->handle_http(request, responder);
  } catch (const std::exception &error) {
    // Not queued (e.g. out of memory): answer here, once.
    g_core->log(&g_plugin, MG_LOG_ERROR, "handle_http: %s", error.what());
    g_core->respond_json(responder, 500, "internal error", json_string("see the gateway log"));
  }
}

json_t *meeting_handle_admin_message(const json_t *message) {
  try {
    return g_meeting->handle_admin_message(message);
  } catch (const std::exception &) {
    return nullptr;
  }
}

mg_plugin g_plugin = {
    .api_version = MEETGATE_PLUGIN_API_VERSION,
    .init = meeting_init,
    .destroy = meeting_destroy,
    .get_package = meeting_package,
    .get_name = meeting_name,
    .get_version_string = meeting_version,
    .get_description = meeting_description,
    .create_session = meeting_create_session,
    .destroy_session = meeting_destroy_session,
    .query_session = nullptr,
    .handle_message = meeting_handle_message,
    .handle_http = meeting_handle_http,
    .handle_event = nullptr,
    .handle_admin_message = meeting_handle_admin_message,
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
