// The C ABI face of the echo test: the one exported symbol, the static
// mg_plugin table, and thin entry points that forward to EchoTest.
//
// Two rules every entry point here follows:
//  - no C++ exception crosses the ABI: each call is wrapped in guarded(),
//    which logs the exception and returns a safe fallback (a 500 result);
//  - the core calls nothing before init() succeeds and nothing after
//    destroy() returns, so the EchoTest instance lives exactly that long.
#include <meetgate/plugin.h>

#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "echo_test.hpp"
#include "echotest_config.hpp"

namespace {

using meetgate::echotest::EchoTest;
using meetgate::echotest::EchoTestConfig;

const mg_core_callbacks *g_core = nullptr;
std::unique_ptr<EchoTest> g_echotest;
extern mg_plugin g_plugin;

// Runs `call` on the EchoTest instance; on an exception logs it and returns
// `fallback()` instead of letting it unwind into the core's C code. The
// fallback is a function so that nothing (e.g. an error result's JSON) is
// built unless it is needed.
template <typename Call, typename Fallback>
auto guarded(const char *where, Call &&call, Fallback &&fallback) noexcept {
  try {
    return call(*g_echotest);
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
  return mg_result_error(500, "internal error in echotest");
}
json_t *no_json() {
  return nullptr;
}

int echotest_init(const mg_core_callbacks *core, const char *config_path) {
  g_core = core;
  try {
    EchoTestConfig config;
    std::string error;
    if (!meetgate::echotest::load_echotest_config(config_path, config, error)) {
      core->log(&g_plugin, MG_LOG_ERROR, "%s", error.c_str());
      return -1;
    }
    auto echotest = std::make_unique<EchoTest>(&g_plugin, core, std::move(config));
    if (echotest->start() != 0) {
      return -1;
    }
    g_echotest = std::move(echotest);
    return 0;
  } catch (const std::exception &error) {
    core->log(&g_plugin, MG_LOG_ERROR, "init failed: %s", error.what());
    return -1;
  }
}

void echotest_destroy() {
  g_echotest.reset();
}

const char *echotest_package() {
  return meetgate::echotest::kPackage;
}
const char *echotest_name() {
  return "Echo test";
}
const char *echotest_version() {
  return meetgate::echotest::kVersion;
}
const char *echotest_description() {
  return "The example plugin: echoes messages, REST bodies and media back to the sender";
}

mg_result echotest_create_session(mg_plugin_session *session, const mg_session_info *info) {
  return guarded(
      "create_session", [&](EchoTest &e) { return e.create_session(session, info); },
      internal_error);
}

void echotest_destroy_session(mg_plugin_session *session) {
  guarded_void("destroy_session", [&](EchoTest &e) { e.destroy_session(session); });
}

json_t *echotest_query_session(mg_plugin_session *session) {
  return guarded(
      "query_session", [&](EchoTest &e) { return e.query_session(session); }, no_json);
}

mg_result echotest_handle_message(mg_plugin_session *session, const char *transaction,
                                  const json_t *message) {
  return guarded(
      "handle_message",
      [&](EchoTest &e) { return e.handle_message(session, transaction, message); }, internal_error);
}

void echotest_handle_http(const mg_http_request *request, mg_http_responder *responder) {
  // Only allocation can throw in handle_http; if it did before the answer,
  // the request would be left to the transport's timeout (logged here).
  guarded_void("handle_http", [&](EchoTest &e) { e.handle_http(request, responder); });
}

void echotest_handle_event(const char *topic, const json_t *event) {
  guarded_void("handle_event", [&](EchoTest &e) { e.handle_event(topic, event); });
}

json_t *echotest_handle_admin_message(const json_t *message) {
  return guarded(
      "handle_admin_message", [&](EchoTest &e) { return e.handle_admin_message(message); },
      no_json);
}

void echotest_media_event(mg_plugin_session *session, mg_pc_id pc, const json_t *event) {
  guarded_void("media_event", [&](EchoTest &e) { e.media_event(session, pc, event); });
}

void echotest_incoming_rtp(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet) {
  g_echotest->incoming_rtp(session, pc, packet);  // cannot throw: no allocation
}

void echotest_incoming_rtcp(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet) {
  guarded_void("incoming_rtcp", [&](EchoTest &e) { e.incoming_rtcp(session, pc, packet); });
}

void echotest_incoming_data(mg_plugin_session *session, mg_pc_id pc, const char *label,
                            const uint8_t *data, size_t len, int binary) {
  g_echotest->incoming_data(session, pc, label, data, len, binary);
}

void echotest_hangup_media(mg_plugin_session *session, mg_pc_id pc, const char *reason) {
  guarded_void("hangup_media", [&](EchoTest &e) { e.hangup_media(session, pc, reason); });
}

mg_plugin g_plugin = {
    .api_version = MEETGATE_PLUGIN_API_VERSION,
    .init = echotest_init,
    .destroy = echotest_destroy,
    .get_package = echotest_package,
    .get_name = echotest_name,
    .get_version_string = echotest_version,
    .get_description = echotest_description,
    .create_session = echotest_create_session,
    .destroy_session = echotest_destroy_session,
    .query_session = echotest_query_session,
    .handle_message = echotest_handle_message,
    .handle_http = echotest_handle_http,
    .handle_event = echotest_handle_event,
    .handle_admin_message = echotest_handle_admin_message,
    .media_event = echotest_media_event,
    .incoming_rtp = echotest_incoming_rtp,
    .incoming_rtcp = echotest_incoming_rtcp,
    .incoming_data = echotest_incoming_data,
    .hangup_media = echotest_hangup_media,
};

}  // namespace

// The one exported symbol (MG_EXPORT overrides -fvisibility=hidden).
extern "C" MG_EXPORT mg_plugin *meetgate_plugin_create(void) {
  return &g_plugin;
}
