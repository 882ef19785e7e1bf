/*
 * meetgate/transport.h — the transport ABI (HTTP, WebSocket, later the Janus
 * API). A transport owns sockets and protocol framing; the core owns routing,
 * sessions and plugins. transports/http and transports/websocket are the two
 * shipped implementations.
 *
 * A transport is a shared library that exports:
 *
 *     MG_EXPORT mg_transport *meetgate_transport_create(void);
 *
 * Version gating, init/destroy order and the ownership rules are as in
 * plugin.h and common.h.
 *
 * Threading: the transport may call the core from any of its threads. The
 * core may call http_send / ws_send / ws_close from any thread, including
 * while the transport is inside a call into the core, so a transport never
 * holds a lock of its own while calling the core.
 */
#ifndef MEETGATE_TRANSPORT_H
#define MEETGATE_TRANSPORT_H

#include <meetgate/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MEETGATE_TRANSPORT_API_VERSION 1
#define MEETGATE_TRANSPORT_CREATE_SYMBOL "meetgate_transport_create"

typedef struct mg_transport mg_transport;

/* Opaque: the transport's own handle for one client connection (a WebSocket).
 * It stays valid for the core until the transport calls ws_closed. */
typedef struct mg_transport_conn mg_transport_conn;

/* How the core answers a WebSocket upgrade attempt. */
typedef struct mg_ws_accept {
  int status;     /* 0 = accept; else refuse with this HTTP status */
  json_t *body;   /* when refused: the envelope to send (new reference,
                     the transport decrefs it); NULL otherwise */
  uint64_t session_id; /* when accepted: the core session id (for logs) */
} mg_ws_accept;

typedef struct mg_transport_callbacks {
  void (*log)(mg_transport *self, mg_log_level level, const char *fmt, ...)
      __attribute__((format(printf, 3, 4)));
  const char *(*setting)(const char *key); /* as in plugin.h */

  /* --- HTTP ------------------------------------------------------------ */
  /* A complete HTTP request. The core routes it (health, metrics, plugin
   * routes) and answers later, exactly once, through the transport's
   * http_send with the same responder. The transport allocates the responder
   * and keeps it valid until http_send has been called for it. */
  void (*incoming_http)(mg_transport *self, const mg_http_request *request,
                        mg_http_responder *responder);
  /* The body limit for a path (the owning plugin's max_body, or 0 for the
   * transport's default). Lets the transport answer 413 early. */
  size_t (*max_body_for)(const char *path);

  /* --- WebSocket ------------------------------------------------------- */
  /* Is `path` a WebSocket path some plugin registered? 1 yes, 0 no. */
  int (*ws_path_known)(const char *path);
  /* A client asks to open a WebSocket on request->path. The core creates a
   * session with the owning plugin, which may refuse (result->status != 0). */
  void (*ws_open)(mg_transport *self, mg_transport_conn *conn, const mg_http_request *request,
                  mg_ws_accept *result);
  /* A complete, well-formed JSON text message from the client (borrowed).
   * Malformed JSON never reaches the core: the transport answers it with an
   * error frame itself (use error_frame below). */
  void (*ws_message)(mg_transport *self, mg_transport_conn *conn, const json_t *message);
  /* The connection is closed (by either side). The core destroys the session. */
  void (*ws_closed)(mg_transport *self, mg_transport_conn *conn);
  /* A new error frame in the signaling protocol's shape, for errors the
   * transport detects itself (bad JSON, message too large). */
  json_t *(*error_frame)(int code, const char *message, const char *details);
} mg_transport_callbacks;

struct mg_transport {
  int api_version; /* MEETGATE_TRANSPORT_API_VERSION */

  /* Start listening. Return 0, or non-zero (the core logs it and runs on
   * without this transport; a port in use is reported this way). */
  int (*init)(const mg_transport_callbacks *core, const char *config_path);
  /* Stop accepting, close every connection (calling ws_closed for each),
   * answer pending HTTP requests with 503, and return. */
  void (*destroy)(void);

  const char *(*get_package)(void);
  const char *(*get_name)(void);
  const char *(*get_version_string)(void);
  const char *(*get_description)(void);

  /* A JSON object describing the transport for /health: listening address,
   * connection counts. New reference. May be NULL. */
  json_t *(*query)(void);

  /* HTTP transports: send the answer to a pending request. The transport
   * copies what it needs before returning and releases the responder. May
   * be called from any thread. NULL for transports without HTTP. */
  void (*http_send)(mg_http_responder *responder, const mg_http_response *response);

  /* WebSocket transports: queue a text message (stolen) to a client.
   * Returns 0, or -1 if the connection is gone or its send queue is full (the
   * transport then closes it: a slow client does not grow memory). */
  int (*ws_send)(mg_transport_conn *conn, json_t *message);
  /* Close a connection from the server side with a reason. ws_closed follows. */
  void (*ws_close)(mg_transport_conn *conn, const char *reason);
};

typedef mg_transport *(*mg_transport_create_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* MEETGATE_TRANSPORT_H */
