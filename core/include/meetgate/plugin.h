/*
 * meetgate/plugin.h — the plugin ABI. This header is the plugin author's
 * manual; plugins/echotest is the worked example to copy.
 *
 * A plugin is a shared library that exports one C function:
 *
 *     MG_EXPORT mg_plugin *meetgate_plugin_create(void);
 *
 * It returns a pointer to a static mg_plugin table of function pointers. The
 * core checks `api_version` against MEETGATE_PLUGIN_API_VERSION before it
 * calls anything else: a mismatch is logged and the plugin skipped. The core
 * then calls init() once with a table of core callbacks, and destroy() once at
 * shutdown (plugins are destroyed in reverse load order).
 *
 * Threading, in one paragraph: every entry point may be called from any core
 * thread (HTTP workers, WebSocket service thread, bus dispatcher, media
 * workers), concurrently, so a plugin guards its own state. Entry points must
 * return quickly: database or disk work that takes long is answered with
 * MG_RESULT_ACK and completed later through push_event / http_respond. Media
 * hooks (incoming_rtp, incoming_rtcp, incoming_data) run on media workers and
 * must never block. Core callbacks may be called from any thread, including
 * threads the plugin created, but not after destroy() returned.
 *
 * Sessions: when a client (a WebSocket connection, later a Janus handle)
 * attaches to a plugin, the core creates an mg_plugin_session and calls
 * create_session. The plugin stores its own state in `plugin_handle`. The
 * session pointer stays valid until destroy_session returns; after that the
 * core never passes it again and the plugin must not use it.
 *
 * Versioning: the table only grows at its end within one API version; any
 * change to an existing member's meaning or signature bumps the version.
 */
#ifndef MEETGATE_PLUGIN_H
#define MEETGATE_PLUGIN_H

#include <meetgate/common.h>
#include <meetgate/media.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MEETGATE_PLUGIN_API_VERSION 1
#define MEETGATE_PLUGIN_CREATE_SYMBOL "meetgate_plugin_create"

/* A client session attached to this plugin. */
typedef struct mg_plugin_session {
  void *core_handle;   /* the core's; never touch */
  void *plugin_handle; /* the plugin's; set it in create_session */
  uint64_t id;         /* unique in the process, stable for the session */
} mg_plugin_session;

/* Who is attaching (the WebSocket upgrade request, for instance). Borrowed. */
typedef struct mg_session_info {
  const char *transport;      /* package of the transport, e.g. "meetgate.transport.websocket" */
  const mg_http_request *request; /* the request that opened it (path, query,
                                     headers, remote_addr); never NULL */
} mg_session_info;

/* A named service another plugin offers, called through the core.
 * `request` is borrowed. On success set `*response` to a new reference (or
 * leave it NULL) and return 0; on failure return an HTTP-like status code
 * (400, 401, 403, 404, 409, 503) and set `*response` to a new JSON string
 * with the message. Called on the caller's thread; must be thread-safe. */
typedef int (*mg_service_fn)(void *opaque, const json_t *request, json_t **response);

/* Service and event names are dotted lowercase: "auth.verify_token",
 * "meeting.authorize_join"; events "meeting.ended", "participant.joined". */

/* ---------------------------------------------------------------------------
 * What the core offers the plugin. Every function is thread-safe.
 * `self` is the plugin's own mg_plugin pointer (the one create returned).
 * ------------------------------------------------------------------------- */
typedef struct mg_plugin mg_plugin;

typedef struct mg_core_callbacks {
  /* --- logging and settings ------------------------------------------- */
  /* Log a line through the core's logger, tagged with the plugin's name. */
  void (*log)(mg_plugin *self, mg_log_level level, const char *fmt, ...)
      __attribute__((format(printf, 3, 4)));
  /* A core setting as text, or NULL if unset. Known keys: "data_dir",
   * "database_url", "redis_url", "public_url", "public_ip", "node_id",
   * "version", "ws_url", "development". The string stays valid until the
   * plugin is destroyed. */
  const char *(*setting)(const char *key);

  /* --- sessions and signaling ------------------------------------------- */
  /* Send a JSON message to the session's client (stolen). `transaction` is
   * the id of the message this answers, or NULL for an unsolicited event.
   * Returns 0, or -1 if the session is gone (the message is dropped). */
  int (*push_event)(mg_plugin *self, mg_plugin_session *session, const char *transaction,
                    json_t *message);
  /* Ask the core to close the session's client connection (kick). The core
   * then calls destroy_session. `reason` is logged and sent to the client. */
  void (*close_session)(mg_plugin *self, mg_plugin_session *session, const char *reason);

  /* --- REST ----------------------------------------------------------- */
  /* Serve every HTTP request whose path equals `prefix` or starts with
   * `prefix` + "/". Longest prefix wins across plugins; a prefix already taken
   * is refused (-1, logged). `max_body` caps request bodies on this prefix
   * (0 = the HTTP transport's default); larger ones get 413 before the plugin
   * sees them. Call from init only. */
  int (*register_route)(mg_plugin *self, const char *prefix, size_t max_body);
  /* Declare a WebSocket path (e.g. "/ws/signaling"): each connection to it
   * becomes a session of this plugin. Call from init only. */
  int (*register_ws_path)(mg_plugin *self, const char *path);
  /* Answer a pending request with the seed's JSON envelope:
   *  status < 400: {"code":status,"message":message,"data":data,"request_id":..}
   *  status >= 400: {"code":status,"message":message,"error":data,"request_id":..}
   * `data` is stolen (may be NULL). Exactly once per responder. */
  void (*respond_json)(mg_http_responder *r, int status, const char *message, json_t *data);
  /* Answer with raw bytes or a file (downloads, static files). */
  void (*respond_raw)(mg_http_responder *r, const mg_http_response *response);

  /* --- services between plugins --------------------------------------- */
  /* Offer a named service; -1 if the name is taken. Call from init only. */
  int (*register_service)(mg_plugin *self, const char *name, mg_service_fn fn, void *opaque);
  /* Call a service: see mg_service_fn for the contract. Returns 503 with a
   * message in *response if no loaded plugin offers `name`. */
  int (*call_service)(const char *name, const json_t *request, json_t **response);

  /* --- the bus -------------------------------------------------------- */
  /* Publish an event (borrowed; the core copies it). Delivery is
   * asynchronous, on the bus thread, in publish order per publisher; with a
   * Redis bus configured, to every node. */
  void (*publish)(mg_plugin *self, const char *topic, const json_t *event);
  /* Receive events whose topic equals `pattern`, or starts with the part
   * before a trailing '*' ("meeting.*"). Delivered to handle_event. */
  int (*subscribe)(mg_plugin *self, const char *pattern);

  /* --- metrics -------------------------------------------------------- */
  /* Add `delta` to a counter or set a gauge exported on /metrics as
   * meetgate_<name>{labels}. `labels` is "k=\"v\",k2=\"v2\"" or NULL. */
  void (*metric_add)(mg_plugin *self, const char *name, const char *labels, double delta);
  void (*metric_set)(mg_plugin *self, const char *name, const char *labels, double value);

  /* --- WebRTC (see media.h for the vocabulary) ------------------------ */
  /* Create a PeerConnection owned by `session`. `options` (borrowed, may be
   * NULL): {"raw_rtp": bool, "ice_lite": bool, "data_channels": bool}.
   * Returns 0 and sets *error (new JSON string) on failure. The plugin gets
   * local candidates through media_event {"event":"candidate", ...}. */
  mg_pc_id (*pc_create)(mg_plugin *self, mg_plugin_session *session, const json_t *options,
                        json_t **error);
  /* Apply a remote description {"type":"offer"|"answer","sdp":"..."}
   * (borrowed). Returns 0, or an HTTP-like code with *error set. */
  int (*pc_set_remote_description)(mg_pc_id pc, const json_t *jsep, json_t **error);
  /* Create the local answer to the last remote offer, or a new offer
   * (renegotiation after consumers were added). Returns a new reference to
   * {"type":..,"sdp":..}, or NULL with *error set. */
  json_t *(*pc_create_answer)(mg_pc_id pc, const json_t *options, json_t **error);
  json_t *(*pc_create_offer)(mg_pc_id pc, const json_t *options, json_t **error);
  /* A remote trickle candidate {"candidate":"candidate:...","sdpMid":"0",
   * "sdpMLineIndex":0} or {"completed":true} (borrowed). */
  int (*pc_add_candidate)(mg_pc_id pc, const json_t *candidate, json_t **error);
  /* Close a PeerConnection; hangup_media follows. */
  void (*pc_close)(mg_pc_id pc, const char *reason);
  /* Raw mode: send a packet on a PeerConnection (copied before return). */
  void (*relay_rtp)(mg_pc_id pc, const mg_rtp_out *packet);
  void (*relay_rtcp)(mg_pc_id pc, const mg_rtp_out *packet);
  void (*relay_data)(mg_pc_id pc, const char *label, const uint8_t *data, size_t len, int binary);
  /* Ask the sender of the incoming video on `mid` for a keyframe
   * (rate-limited by the core). */
  void (*request_keyframe)(mg_pc_id pc, const char *mid);

  /* Declare the incoming track `mid` of `pc` a producer. Returns 0 on error. */
  mg_producer_id (*producer_create)(mg_pc_id pc, const char *mid, json_t **error);
  void (*producer_close)(mg_producer_id producer);
  /* Stop/restart forwarding of a producer to all its consumers (host mute). */
  void (*producer_pause)(mg_producer_id producer, int paused);
  /* Attach a consumer. For MG_CONSUMER_PEER the new sending m-line's mid is
   * returned through *mid_out (a new JSON string) when not NULL. */
  mg_consumer_id (*consumer_create)(mg_producer_id producer, const mg_consumer_target *target,
                                    json_t **mid_out, json_t **error);
  void (*consumer_close)(mg_consumer_id consumer);
  void (*consumer_pause)(mg_consumer_id consumer, int paused);
  /* Simulcast/SVC: preferred spatial and temporal layer (-1 = highest). */
  void (*consumer_set_layers)(mg_consumer_id consumer, int spatial, int temporal);
  /* Stats as a new JSON object: packets, bytes, bitrate, loss, nacks, plis,
   * rtt_ms, jitter. NULL if the id is unknown. */
  json_t *(*producer_stats)(mg_producer_id producer);
  json_t *(*consumer_stats)(mg_consumer_id consumer);
} mg_core_callbacks;

/* ---------------------------------------------------------------------------
 * What the plugin offers the core. Any entry may be NULL where marked.
 * ------------------------------------------------------------------------- */
struct mg_plugin {
  int api_version; /* MEETGATE_PLUGIN_API_VERSION */

  /* Called once. `config_path` is the plugin's .jcfg file (may not exist).
   * Return 0 on success; non-zero makes the core log it, skip the plugin
   * (destroy is not called) and run on. */
  int (*init)(const mg_core_callbacks *core, const char *config_path);
  void (*destroy)(void);

  /* Static strings describing the plugin. `package` is unique:
   * "meetgate.plugin.NAME". */
  const char *(*get_package)(void);
  const char *(*get_name)(void);
  const char *(*get_version_string)(void);
  const char *(*get_description)(void);

  /* Sessions. create_session may refuse the client: return
   * mg_result_error(401, "invalid token") and the transport answers the
   * opening request with that status in the seed's envelope. */
  mg_result (*create_session)(mg_plugin_session *session, const mg_session_info *info);
  /* The client is gone (or close_session was called). Release the session's
   * state; its PeerConnections are already closed. */
  void (*destroy_session)(mg_plugin_session *session);
  /* A new JSON object describing the session (Admin API), or NULL. */
  json_t *(*query_session)(mg_plugin_session *session);

  /* A message from the session's client. `message` is borrowed; copy what
   * you keep. Answer now (OK with content, sent with the same transaction),
   * refuse (ERROR: the client gets an error frame), or ACK and push_event
   * later with the same `transaction`. */
  mg_result (*handle_message)(mg_plugin_session *session, const char *transaction,
                              const json_t *message);

  /* An HTTP request on one of the plugin's routes (may be NULL if none).
   * Answer it exactly once through respond_json/respond_raw, now or later
   * from any thread. The request is borrowed: copy what a later answer
   * needs before returning. */
  void (*handle_http)(const mg_http_request *request, mg_http_responder *responder);

  /* An event on a subscribed topic (borrowed), on the bus thread. May be NULL. */
  void (*handle_event)(const char *topic, const json_t *event);

  /* An Admin API message (borrowed); return a new JSON answer. May be NULL.
   * The core itself sends {"request":"health"} while building GET /health:
   * answer a small object of cheap counts (e.g. {"rooms":2,"clients":7}),
   * shown as the plugin's "health" there; an answer with "error", or NULL,
   * shows nothing. */
  json_t *(*handle_admin_message)(const json_t *message);

  /* --- media hooks (may be NULL if the plugin does no media) ---------- */
  /* Events about a PeerConnection, as a borrowed JSON object with "event":
   *  "candidate"  {candidate, sdpMid, sdpMLineIndex} a local trickle candidate
   *  "end-of-candidates"
   *  "track"      {mid, kind, codec, ssrc, rid?} an incoming track appeared
   *  "connected"  ICE and DTLS are up (the Janus setup_media moment)
   *  "keyframe-request" {mid} a consumer asked for a keyframe (raw mode)
   *  "audio-level" {mid, level_dbov, voice} throttled, for active speaker
   *  "producer-closed" {producer} / "consumer-closed" {consumer}
   *  "slow-link" {mid, uplink, lost}
   *  "failed" / "closed" {reason} (hangup_media follows) */
  void (*media_event)(mg_plugin_session *session, mg_pc_id pc, const json_t *event);
  /* Raw mode only, on a media worker: a decrypted incoming packet. */
  void (*incoming_rtp)(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet);
  void (*incoming_rtcp)(mg_plugin_session *session, mg_pc_id pc, const mg_rtp_packet *packet);
  void (*incoming_data)(mg_plugin_session *session, mg_pc_id pc, const char *label,
                        const uint8_t *data, size_t len, int binary);
  /* The PeerConnection is gone (ICE failed, DTLS alert, pc_close, timeout). */
  void (*hangup_media)(mg_plugin_session *session, mg_pc_id pc, const char *reason);
};

/* The one symbol a plugin exports. */
typedef mg_plugin *(*mg_plugin_create_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* MEETGATE_PLUGIN_H */
