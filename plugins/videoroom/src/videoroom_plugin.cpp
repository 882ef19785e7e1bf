// The C ABI face of the videoroom: the one exported symbol, the static
// mg_plugin table, and thin entry points that forward to VideoRoom. No C++
// exception crosses the ABI: each call is wrapped in guarded(), which logs
// it and returns a safe fallback (the pattern of plugins/echotest).
#include <meetgate/plugin.h>

#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "videoroom.hpp"
#include "videoroom_config.hpp"

namespace {

using meetgate::videoroom::VideoRoom;
using meetgate::videoroom::VideoRoomConfig;

const mg_core_callbacks *g_core = nullptr;
std::unique_ptr<VideoRoom> g_videoroom;
extern mg_plugin g_plugin;

template <typename Call, typename Fallback>
auto guarded(const char *where, Call &&call, Fallback &&fallback) noexcept {
  try {
    return call(*g_videoroom);
  } catch (const std::exception &error) {
    g_core->log(&g_plugin, MG_LOG_ERROR, "%s: %s", where, error.what());
  } catch (...) {
    g_core->log(&g_plugin, MG_LOG_ERROR, "%s: unknown exception", where);
  }
  return fallback();
}

template <typename Call>
void guarded_void(const char *where, Call &&call) noexcept {
  guarded(where, std::forward<Call>(call), [] {});
}

mg_result internal_error() {
  return mg_result_error(500, "internal error in videoroom");
}
json_t *no_json() {
  return nullptr;
}

int videoroom_init(const mg_core_callbacks *core, const char *config_path) {
  g_core = core;
  try {
    VideoRoomConfig config;
    std::string error;
    if (!meetgate::videoroom::load_videoroom_config(config_path, config, error)) {
      core->log(&g_plugin, MG_LOG_ERROR, "%s", error.c_str());
      return -1;
    }
    auto videoroom = std::make_unique<VideoRoom>(&g_plugin, core, std::move(config));
    if (videoroom->start() != 0) return -1;
    g_videoroom = std::move(videoroom);
    return 0;
  } catch (const std::exception &error) {
    core->log(&g_plugin, MG_LOG_ERROR, "init failed: %s", error.what());
    return -1;
  }
}

void videoroom_destroy() {
  g_videoroom.reset();
}

const char *videoroom_package() {
  return meetgate::videoroom::kPackage;
}
const char *videoroom_name() {
  return "Video room";
}
const char *videoroom_version() {
  return meetgate::videoroom::kVersion;
}
const char *videoroom_description() {
  return "Meeting rooms: the seed's WebSocket signaling, chat, mesh relay, SFU and web client";
}

mg_result videoroom_create_session(mg_plugin_session *session, const mg_session_info *info) {
  return guarded(
      "create_session", [&](VideoRoom &v) { return v.create_session(session, info); },
      internal_error);
}

void videoroom_destroy_session(mg_plugin_session *session) {
  guarded_void("destroy_session", [&](VideoRoom &v) { v.destroy_session(session); });
}

json_t *videoroom_query_session(mg_plugin_session *session) {
  return guarded(
      "query_session", [&](VideoRoom &v) { return v.query_session(session); }, no_json);
}

mg_result videoroom_handle_message(mg_plugin_session *session, const char *,
                                   const json_t *message) {
  return guarded(
      "handle_message", [&](VideoRoom &v) { return v.handle_message(session, message); },
      internal_error);
}

void videoroom_handle_http(const mg_http_request *request, mg_http_responder *responder) {
  guarded_void("handle_http", [&](VideoRoom &v) { v.handle_http(request, responder); });
}

void videoroom_handle_event(const char *topic, const json_t *event) {
  guarded_void("handle_event", [&](VideoRoom &v) { v.handle_event(topic, event); });
}

json_t *videoroom_handle_admin_message(const json_t *message) {
  return guarded(
      "handle_admin_message", [&](VideoRoom &v) { return v.handle_admin_message(message); },
      no_json);
}

void videoroom_media_event(mg_plugin_session *session, mg_pc_id pc, const json_t *event) {
  guarded_void("media_event", [&](VideoRoom &v) { v.media_event(session, pc, event); });
}

void videoroom_hangup_media(mg_plugin_session *session, mg_pc_id pc, const char *) {
  guarded_void("hangup_media", [&](VideoRoom &v) { v.hangup_media(session, pc); });
}

mg_plugin g_plugin = {
    .api_version = MEETGATE_PLUGIN_API_VERSION,
    .init = videoroom_init,
    .destroy = videoroom_destroy,
    .get_package = videoroom_package,
    .get_name = videoroom_name,
    .get_version_string = videoroom_version,
    .get_description = videoroom_description,
    .create_session = videoroom_create_session,
    .destroy_session = videoroom_destroy_session,
    .query_session = videoroom_query_session,
    .handle_message = videoroom_handle_message,
    .handle_http = videoroom_handle_http,
    .handle_event = videoroom_handle_event,
    .handle_admin_message = videoroom_handle_admin_message,
    .media_event = videoroom_media_event,
    .incoming_rtp = nullptr,
    .incoming_rtcp = nullptr,
    .incoming_data = nullptr,
    .hangup_media = videoroom_hangup_media,
};

}  // namespace

extern "C" MG_EXPORT mg_plugin *meetgate_plugin_create(void) {
  return &g_plugin;
}
