// The echo test plugin's state and behaviour. echotest_plugin.cpp holds the
// C ABI table and forwards every entry point to the one EchoTest instance.
//
// What it shows, one ABI feature each:
//   sessions       create/destroy/query on the WebSocket path /ws/echotest
//   async message  {"type":"echo"} -> MG_RESULT_ACK, then push_event from the
//                  worker thread with the same transaction
//   sync message   {"type":"reverse"} -> call_service("echotest.reverse") -> OK
//   REST           GET /api/v1/echotest (answered at once), POST (answered
//                  later from the worker), POST /api/v1/echotest/reverse
//   service        "echotest.reverse" (offered and called)
//   bus            publishes "echotest.echoed", subscribes to "echotest.*"
//   admin          {"request":"stats"|"list_sessions"}
//   metrics        meetgate_echotest_echoes_total, meetgate_echotest_sessions
//   media          raw-RTP PeerConnection: offer/answer, trickle, RTP echo,
//                  keyframe requests, data channel echo, hangup
// echo_test.cpp has sessions/messages/bus/admin, echo_test_http.cpp the REST
// routes, echo_test_media.cpp the media hooks.
#pragma once

#include <meetgate/plugin.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "echo_session.hpp"
#include "echotest_config.hpp"
#include "work_queue.hpp"

namespace meetgate::echotest {

inline constexpr const char *kPackage = "meetgate.plugin.echotest";
inline constexpr const char *kVersion = "0.1.0";
inline constexpr const char *kReverseService = "echotest.reverse";
inline constexpr const char *kEchoedTopic = "echotest.echoed";

class EchoTest {
 public:
  EchoTest(mg_plugin *self, const mg_core_callbacks *core, EchoTestConfig config);
  // Drains the worker first: queued answers still go out before the core's
  // callbacks become unusable.
  ~EchoTest();

  EchoTest(const EchoTest &) = delete;
  EchoTest &operator=(const EchoTest &) = delete;

  // Registers the route, WebSocket path, service and subscription (init only).
  // Returns 0, or -1 after logging why.
  int start();

  mg_result create_session(mg_plugin_session *session, const mg_session_info *info);
  void destroy_session(mg_plugin_session *session);
  json_t *query_session(mg_plugin_session *session);
  mg_result handle_message(mg_plugin_session *session, const char *transaction,
                           const json_t *message);
  void handle_http(const mg_http_request *request, mg_http_responder *responder);
  void handle_event(const char *topic, const json_t *event);
  json_t *handle_admin_message(const json_t *message);

  void media_event(mg_plugin_session *session, mg_pc_id pc, const json_t *event);
  void incoming_rtp(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet);
  void incoming_rtcp(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet);
  void incoming_data(mg_plugin_session *session, mg_pc_id pc, const char *label,
                     const uint8_t *data, size_t len, int binary);
  void hangup_media(mg_plugin_session *session, mg_pc_id pc, const char *reason);

  // The "echotest.reverse" service: {"text":str} -> {"text":reversed}.
  static int reverse_service(void *opaque, const json_t *request, json_t **response);

 private:
  static EchoSession &state_of(mg_plugin_session *session) {
    return *static_cast<EchoSession *>(session->plugin_handle);
  }
  std::shared_ptr<EchoSession> find_session(uint64_t id);
  size_t session_count();

  mg_result on_echo(mg_plugin_session *session, const char *transaction, const json_t *message);
  mg_result on_reverse(const json_t *message);
  mg_result on_offer(mg_plugin_session *session, const json_t *message);
  mg_result on_candidate(mg_plugin_session *session, const json_t *message);
  mg_result on_hangup(mg_plugin_session *session);
  mg_result media_error(mg_pc_id pc, int code, json_t *error, const char *fallback);

  void http_info(mg_http_responder *responder);
  void http_echo_later(const mg_http_request *request, mg_http_responder *responder);
  void http_reverse(const mg_http_request *request, mg_http_responder *responder);
  json_t *stats();

  mg_plugin *const self_;
  const mg_core_callbacks *const core_;
  const EchoTestConfig config_;
  const std::string node_id_;

  std::mutex sessions_mutex_;
  std::unordered_map<uint64_t, std::shared_ptr<EchoSession>> sessions_;

  std::atomic<uint64_t> echoes_{0};
  std::atomic<uint64_t> events_received_{0};
  std::atomic<uint64_t> rtp_echoed_{0};

  // Declared last, destroyed first (and explicitly in ~EchoTest).
  std::unique_ptr<WorkQueue> worker_;
};

}  // namespace meetgate::echotest
