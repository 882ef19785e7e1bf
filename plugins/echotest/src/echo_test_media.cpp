// The echo test's media: one raw-RTP PeerConnection per session whose
// incoming packets are sent straight back (the Janus EchoTest model).
//
// Signaling (over /ws/echotest):
//   {"type":"offer","sdp":..}        -> {"type":"answer","sdp":..}
//   {"type":"candidate","candidate":{candidate,sdpMid,sdpMLineIndex}}
//        (or those fields flat, or {"completed":true}) -> pc_add_candidate,
//                                       answered {"type":"ack"}
//   {"type":"hangup"}                -> pc_close, {"type":"ack"}; then
//                                       {"type":"hangup"} follows
// Pushed to the client:
//   {"type":"candidate","candidate":{..}}  local trickle candidates
//   {"type":"media","state":"connected"}   ICE + DTLS up
//   {"type":"hangup","reason":..}          the PeerConnection is gone
#include <cstring>
#include <string>

#include "echo_test.hpp"
#include "json_ref.hpp"
#include "rtcp_feedback.hpp"

namespace meetgate::echotest {

mg_result EchoTest::media_error(mg_pc_id pc, int code, json_t *error, const char *fallback) {
  JsonRef owned = adopt(error);  // *error out-parameters are new references
  if (pc != 0) {
    core_->pc_close(pc, fallback);
  }
  const std::string message = text_of(owned.get(), fallback);
  core_->log(self_, MG_LOG_WARN, "%s: %s", fallback, message.c_str());
  return mg_result_error(code, message.c_str());
}

mg_result EchoTest::on_offer(mg_plugin_session *session, const json_t *message) {
  const json_t *sdp = json_object_get(message, "sdp");
  if (!json_is_string(sdp)) {
    return mg_result_error(400, "offer needs an \"sdp\" string");
  }
  if (core_->pc_create == nullptr) {
    return mg_result_error(501, "this core has no media engine");
  }
  EchoSession &state = state_of(session);
  json_t *error = nullptr;
  mg_pc_id pc = state.pc();
  if (pc == 0) {
    // raw_rtp: the core hands us every packet (incoming_rtp) instead of
    // routing producers to consumers itself.
    JsonRef options = adopt(json_pack("{s:b}", "raw_rtp", 1));
    pc = core_->pc_create(self_, session, options.get(), &error);
    if (pc == 0) {
      return media_error(0, 503, error, "cannot create a PeerConnection");
    }
    state.set_pc(pc);
  }
  JsonRef jsep = adopt(json_pack("{s:s,s:O}", "type", "offer", "sdp", sdp));
  if (int code = core_->pc_set_remote_description(pc, jsep.get(), &error); code != 0) {
    state.forget_pc(pc);
    return media_error(pc, code, error, "the offer was refused");
  }
  JsonRef answer = adopt(core_->pc_create_answer(pc, nullptr, &error));
  if (!answer) {
    state.forget_pc(pc);
    return media_error(pc, 500, error, "cannot create the answer");
  }
  return mg_result_ok(
      json_pack("{s:s,s:O}", "type", "answer", "sdp", json_object_get(answer.get(), "sdp")));
}

mg_result EchoTest::on_candidate(mg_plugin_session *session, const json_t *message) {
  const mg_pc_id pc = state_of(session).pc();
  if (pc == 0) {
    return mg_result_error(409, "send an offer before candidates");
  }
  // Accept {"candidate":{...}} (browser RTCIceCandidate JSON) or the fields
  // flat in the message.
  const json_t *nested = json_object_get(message, "candidate");
  JsonRef candidate = json_is_object(nested) ? share(nested) : adopt(json_deep_copy(message));
  json_object_del(candidate.get(), "type");
  json_t *error = nullptr;
  if (int code = core_->pc_add_candidate(pc, candidate.get(), &error); code != 0) {
    JsonRef owned = adopt(error);
    return mg_result_error(code, text_of(owned.get(), "bad candidate").c_str());
  }
  // An explicit ack: the core sends nothing for an empty OK, and a client
  // wants to tell an accepted candidate from a lost message.
  return mg_result_ok(json_pack("{s:s}", "type", "ack"));
}

mg_result EchoTest::on_hangup(mg_plugin_session *session) {
  const mg_pc_id pc = state_of(session).pc();
  if (pc == 0) {
    return mg_result_error(409, "no media to hang up");
  }
  core_->pc_close(pc, "hangup requested");  // hangup_media follows
  return mg_result_ok(json_pack("{s:s}", "type", "ack"));
}

void EchoTest::media_event(mg_plugin_session *session, mg_pc_id pc, const json_t *event) {
  const char *name = json_string_value(json_object_get(event, "event"));
  if (name == nullptr) {
    return;
  }
  // We are inside a core call for this session, so pushing directly is safe.
  json_t *message = nullptr;
  if (std::strcmp(name, "candidate") == 0) {
    JsonRef candidate = adopt(json_deep_copy(event));
    json_object_del(candidate.get(), "event");
    message = json_pack("{s:s,s:O}", "type", "candidate", "candidate", candidate.get());
  } else if (std::strcmp(name, "end-of-candidates") == 0) {
    message = json_pack("{s:s,s:{s:b}}", "type", "candidate", "candidate", "completed", 1);
  } else if (std::strcmp(name, "connected") == 0) {
    message = json_pack("{s:s,s:s}", "type", "media", "state", "connected");
  } else if (std::strcmp(name, "track") == 0) {
    const char *kind = json_string_value(json_object_get(event, "kind"));
    const char *mid = json_string_value(json_object_get(event, "mid"));
    if (kind != nullptr && mid != nullptr && std::strcmp(kind, "video") == 0) {
      state_of(session).set_video_mid(mid);
    }
  } else if (std::strcmp(name, "keyframe-request") == 0) {
    // Our echoed video is the client's own: ask the client for a keyframe.
    core_->request_keyframe(pc, json_string_value(json_object_get(event, "mid")));
  }
  if (message != nullptr) {
    core_->push_event(self_, session, nullptr, message);  // stolen
  }
}

void EchoTest::incoming_rtp(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet) {
  // A media worker thread: no blocking, no allocation, no locks we contend.
  state_of(session).rtp_in++;
  if (!config_.echo_media) {
    return;
  }
  const mg_rtp_out echoed{packet->data, packet->len, packet->mid, packet->kind};
  core_->relay_rtp(pc, &echoed);  // copied before it returns
  rtp_echoed_++;
}

void EchoTest::incoming_rtcp(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet) {
  EchoSession &state = state_of(session);
  state.rtcp_in++;
  // Receiver reports describe the echoed stream; we do not relay them. A
  // PLI/FIR from the client means "I need a keyframe of what you send me",
  // i.e. of its own video, so we ask it for one.
  if (rtcp_requests_keyframe(packet->data, packet->len)) {
    state.keyframe_requests++;
    const std::string mid = packet->mid ? packet->mid : state.video_mid();
    core_->request_keyframe(pc, mid.empty() ? nullptr : mid.c_str());
  }
}

void EchoTest::incoming_data(mg_plugin_session *session, mg_pc_id pc, const char *label,
                             const uint8_t *data, size_t len, int binary) {
  state_of(session).data_messages++;
  core_->relay_data(pc, label, data, len, binary);
}

void EchoTest::hangup_media(mg_plugin_session *session, mg_pc_id pc, const char *reason) {
  // Only tell the client about the PeerConnection it still knows of (not
  // one we closed ourselves after a failed offer).
  if (!state_of(session).forget_pc(pc)) {
    return;
  }
  json_t *message = json_pack("{s:s,s:s}", "type", "hangup", "reason", reason ? reason : "closed");
  core_->push_event(self_, session, nullptr, message);  // stolen
}

}  // namespace meetgate::echotest
