// A test-only plugin that drives the media router the way an SFU does, so
// tests/media can prove producers and consumers with real peers. Loaded only
// by router_test.py (from its own plugins dir), never installed.
//
// WebSocket path /ws/routerprobe, one PeerConnection per session:
//   {"type":"publish","sdp":offer[,"options":{pc_create options}]}
//                                    -> {"type":"answer","sdp"}; each incoming
//        track becomes a producer, announced as {"type":"producer",producer,mid,kind}
//   {"type":"subscribe","producer":N} -> {"type":"offer","sdp",mid,consumer}
//        (a consumer on a new sendonly m-line of this session's PeerConnection)
//   {"type":"answer","sdp"}          -> applies the subscriber's answer
//   {"type":"candidate","candidate":{..}} -> pc_add_candidate
//   {"type":"stats","producer"|"consumer":N} -> the router's stats
//   {"type":"forward","producer":N,"port":P[,"srtp_key":base64]} -> an
//        MG_CONSUMER_FORWARDER to 127.0.0.1:P (RTCP to P+1): {"type":"ok",consumer}
//   {"type":"sink","producer":N}      -> an MG_CONSUMER_SINK counting packets
//   {"type":"sink_stats"}             -> {"packets","closed","codec","payload_type"}
#include <meetgate/plugin.h>

#include <atomic>
#include <cstring>
#include <string>

namespace {

const mg_core_callbacks *core = nullptr;
mg_plugin *self();

// What the sink consumers saw (one test at a time uses them).
std::atomic<uint64_t> sink_packets{0};
std::atomic<uint64_t> sink_closed{0};
std::atomic<int> sink_payload_type{-1};
std::atomic<bool> sink_codec_vp8{false};

void on_sink_packet(void *, const mg_sink_info *info, const uint8_t *rtp, size_t len) {
  if (len >= 12 && (rtp[0] >> 6) == 2) sink_packets++;
  sink_payload_type = info->payload_type;
  sink_codec_vp8 = info->codec && !std::strcmp(info->codec, "VP8");
}

void on_sink_closed(void *) {
  sink_closed++;
}

struct ProbeSession {
  std::atomic<mg_pc_id> pc{0};
};

ProbeSession &state(mg_plugin_session *session) {
  return *static_cast<ProbeSession *>(session->plugin_handle);
}

mg_result failure(int code, json_t *error, const char *fallback) {
  const char *text = json_is_string(error) ? json_string_value(error) : fallback;
  mg_result result = mg_result_error(code, text);
  json_decref(error);
  return result;
}

mg_pc_id ensure_pc(mg_plugin_session *session, const json_t *options, json_t **error) {
  ProbeSession &probe = state(session);
  if (mg_pc_id pc = probe.pc.load()) return pc;
  mg_pc_id pc = core->pc_create(self(), session, options, error);
  probe.pc = pc;
  return pc;
}

mg_result publish(mg_plugin_session *session, const json_t *message) {
  json_t *error = nullptr;
  mg_pc_id pc = ensure_pc(session, json_object_get(message, "options"), &error);
  if (!pc) return failure(503, error, "pc_create failed");
  json_t *jsep = json_pack("{s:s,s:O}", "type", "offer", "sdp", json_object_get(message, "sdp"));
  int code = core->pc_set_remote_description(pc, jsep, &error);
  json_decref(jsep);
  if (code) return failure(code, error, "offer refused");
  json_t *answer = core->pc_create_answer(pc, nullptr, &error);
  if (!answer) return failure(500, error, "no answer");
  return mg_result_ok(answer);
}

mg_result subscribe(mg_plugin_session *session, const json_t *message) {
  json_t *error = nullptr;
  mg_pc_id pc = ensure_pc(session, nullptr, &error);
  if (!pc) return failure(503, error, "pc_create failed");
  mg_consumer_target target{};
  target.type = MG_CONSUMER_PEER;
  target.pc = pc;
  json_t *mid = nullptr;
  auto producer =
      static_cast<mg_producer_id>(json_integer_value(json_object_get(message, "producer")));
  mg_consumer_id consumer = core->consumer_create(producer, &target, &mid, &error);
  if (!consumer) return failure(404, error, "consumer_create failed");
  json_t *offer = core->pc_create_offer(pc, nullptr, &error);
  if (!offer) {
    json_decref(mid);
    return failure(500, error, "no offer");
  }
  json_object_set_new(offer, "mid", mid ? mid : json_null());
  json_object_set_new(offer, "consumer", json_integer(static_cast<json_int_t>(consumer)));
  return mg_result_ok(offer);
}

mg_result local_consumer(const json_t *message, bool sink) {
  mg_consumer_target target{};
  std::string key;
  if (sink) {
    target.type = MG_CONSUMER_SINK;
    target.sink_packet = on_sink_packet;
    target.sink_closed = on_sink_closed;
  } else {
    target.type = MG_CONSUMER_FORWARDER;
    target.host = "127.0.0.1";
    target.port = static_cast<uint16_t>(json_integer_value(json_object_get(message, "port")));
    const char *srtp_key = json_string_value(json_object_get(message, "srtp_key"));
    if (srtp_key) key = srtp_key;
    target.srtp_key_base64 = srtp_key ? key.c_str() : nullptr;
  }
  json_t *error = nullptr;
  auto producer =
      static_cast<mg_producer_id>(json_integer_value(json_object_get(message, "producer")));
  mg_consumer_id consumer = core->consumer_create(producer, &target, nullptr, &error);
  if (!consumer) return failure(400, error, "consumer_create failed");
  return mg_result_ok(
      json_pack("{s:s,s:I}", "type", "ok", "consumer", static_cast<json_int_t>(consumer)));
}

mg_result handle_message(mg_plugin_session *session, const char *, const json_t *message) {
  const char *type = json_string_value(json_object_get(message, "type"));
  if (!type) return mg_result_error(400, "type missing");
  if (!std::strcmp(type, "publish")) return publish(session, message);
  if (!std::strcmp(type, "subscribe")) return subscribe(session, message);
  if (!std::strcmp(type, "forward")) return local_consumer(message, false);
  if (!std::strcmp(type, "sink")) return local_consumer(message, true);
  if (!std::strcmp(type, "sink_stats"))
    return mg_result_ok(json_pack("{s:s,s:I,s:I,s:i,s:b}", "type", "sink_stats", "packets",
                                  static_cast<json_int_t>(sink_packets.load()), "closed",
                                  static_cast<json_int_t>(sink_closed.load()), "payload_type",
                                  sink_payload_type.load(), "vp8", sink_codec_vp8.load()));
  json_t *error = nullptr;
  mg_pc_id pc = state(session).pc.load();
  if (!std::strcmp(type, "stats")) {
    json_t *producer = json_object_get(message, "producer");
    json_t *stats =
        producer ? core->producer_stats(static_cast<mg_producer_id>(json_integer_value(producer)))
                 : core->consumer_stats(static_cast<mg_consumer_id>(
                       json_integer_value(json_object_get(message, "consumer"))));
    if (!stats) return mg_result_error(404, "unknown id");
    return mg_result_ok(json_pack("{s:s,s:o}", "type", "stats", "stats", stats));
  }
  if (!pc) return mg_result_error(409, "no PeerConnection");
  int code = 0;
  if (!std::strcmp(type, "answer")) {
    json_t *jsep = json_pack("{s:s,s:O}", "type", "answer", "sdp", json_object_get(message, "sdp"));
    code = core->pc_set_remote_description(pc, jsep, &error);
    json_decref(jsep);
  } else if (!std::strcmp(type, "candidate")) {
    code = core->pc_add_candidate(pc, json_object_get(message, "candidate"), &error);
  } else {
    return mg_result_error(400, "unknown type");
  }
  if (code) return failure(code, error, "refused");
  return mg_result_ok(json_pack("{s:s}", "type", "ok"));
}

void media_event(mg_plugin_session *session, mg_pc_id pc, const json_t *event) {
  const char *name = json_string_value(json_object_get(event, "event"));
  if (!name) return;
  json_t *message = nullptr;
  if (!std::strcmp(name, "track")) {
    json_t *error = nullptr;
    const char *mid = json_string_value(json_object_get(event, "mid"));
    mg_producer_id producer = core->producer_create(pc, mid, &error);
    json_decref(error);
    message = json_pack("{s:s,s:I,s:s?,s:O?}", "type", "producer", "producer",
                        static_cast<json_int_t>(producer), "mid", mid, "kind",
                        json_object_get(event, "kind"));
  } else if (!std::strcmp(name, "candidate")) {
    json_t *candidate = json_deep_copy(event);
    json_object_del(candidate, "event");
    message = json_pack("{s:s,s:o}", "type", "candidate", "candidate", candidate);
  } else if (!std::strcmp(name, "connected")) {
    message = json_pack("{s:s,s:s}", "type", "media", "state", "connected");
  } else {
    message = json_pack("{s:s,s:O}", "type", "event", "event", event);
  }
  core->push_event(self(), session, nullptr, message);
}

void hangup_media(mg_plugin_session *session, mg_pc_id, const char *reason) {
  state(session).pc = 0;
  core->push_event(self(), session, nullptr,
                   json_pack("{s:s,s:s}", "type", "hangup", "reason", reason ? reason : ""));
}

mg_result create_session(mg_plugin_session *session, const mg_session_info *) {
  session->plugin_handle = new ProbeSession;
  return mg_result_ok(nullptr);
}

void destroy_session(mg_plugin_session *session) {
  delete static_cast<ProbeSession *>(session->plugin_handle);
  session->plugin_handle = nullptr;
}

int init(const mg_core_callbacks *callbacks, const char *) {
  core = callbacks;
  return core->register_ws_path(self(), "/ws/routerprobe");
}

void destroy() {}
const char *package() {
  return "meetgate.plugin.routerprobe";
}
const char *name() {
  return "router probe (tests)";
}
const char *version() {
  return "0.1.0";
}
const char *description() {
  return "Drives producers and consumers for tests/media";
}

mg_plugin probe_plugin = [] {
  mg_plugin plugin{};
  plugin.api_version = MEETGATE_PLUGIN_API_VERSION;
  plugin.init = init;
  plugin.destroy = destroy;
  plugin.get_package = package;
  plugin.get_name = name;
  plugin.get_version_string = version;
  plugin.get_description = description;
  plugin.create_session = create_session;
  plugin.destroy_session = destroy_session;
  plugin.handle_message = handle_message;
  plugin.media_event = media_event;
  plugin.hangup_media = hangup_media;
  return plugin;
}();

mg_plugin *self() {
  return &probe_plugin;
}

}  // namespace

extern "C" MG_EXPORT mg_plugin *meetgate_plugin_create(void) {
  return &probe_plugin;
}
