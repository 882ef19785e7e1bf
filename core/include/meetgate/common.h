/*
 * meetgate/common.h — types shared by the plugin and transport ABIs.
 *
 * This header is plain C99 and is part of the meetgate SDK. Read plugin.h
 * first; this file holds the pieces both plugin.h and transport.h need:
 * HTTP requests and responses as they cross the ABI, and the result type
 * of asynchronous calls.
 *
 * Ownership rules, once for the whole SDK:
 *  - `const` pointers handed to you are borrowed: valid for the duration of
 *    the call only. Copy what you keep.
 *  - JSON crosses the ABI as Jansson `json_t *`. Each call says whether a
 *    reference is "borrowed" (do not decref), "new" (you own it, decref it)
 *    or "stolen" (the callee takes your reference; do not decref after).
 *  - No C++ type, exception or allocator crosses the ABI. Memory allocated on
 *    one side is released on that side, except json_t, which both sides
 *    release with json_decref (both link the same libjansson).
 */
#ifndef MEETGATE_COMMON_H
#define MEETGATE_COMMON_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Symbol visibility for the one create function each module exports. */
#if defined(__GNUC__)
#define MG_EXPORT __attribute__((visibility("default")))
#else
#define MG_EXPORT
#endif

/* ---------------------------------------------------------------------------
 * Results of calls that may complete later (handle_message, handle_http).
 * ------------------------------------------------------------------------- */
typedef enum mg_result_type {
  MG_RESULT_OK = 0,    /* done now; `content` (may be NULL) is the answer */
  MG_RESULT_ACK = 1,   /* accepted; the answer follows later (push_event /
                          http_respond) from any thread */
  MG_RESULT_ERROR = 2, /* refused; `code` is an HTTP-like status (400, 401,
                          403, 404, 409, 429, 500, 503) and `content` a JSON
                          string with the message */
} mg_result_type;

typedef struct mg_result {
  mg_result_type type;
  int code;          /* HTTP-like status; 200 for OK/ACK */
  json_t *content;   /* stolen by whoever receives the result; may be NULL */
} mg_result;

static inline mg_result mg_result_ok(json_t *content /* stolen */) {
  mg_result r = {MG_RESULT_OK, 200, content};
  return r;
}
static inline mg_result mg_result_ack(void) {
  mg_result r = {MG_RESULT_ACK, 200, NULL};
  return r;
}
static inline mg_result mg_result_error(int code, const char *message) {
  mg_result r = {MG_RESULT_ERROR, code, json_string(message ? message : "error")};
  return r;
}

/* ---------------------------------------------------------------------------
 * HTTP as it crosses the ABI. The transport owns all of this memory.
 * ------------------------------------------------------------------------- */
typedef struct mg_header {
  const char *name;  /* as received; compare case-insensitively */
  const char *value;
} mg_header;

typedef struct mg_http_request {
  const char *method;       /* "GET", "POST", ... */
  const char *path;         /* decoded path without the query, e.g. "/api/v1/login" */
  const char *query;        /* raw query string without '?', "" if none */
  const mg_header *headers; /* request headers */
  size_t header_count;
  const uint8_t *body;      /* complete request body (may be NULL when empty) */
  size_t body_len;
  const char *remote_addr;  /* peer IP as text (the transport resolves
                               X-Forwarded-For only if configured to trust it) */
  const char *request_id;   /* X-Request-ID as received, or generated */
} mg_http_request;

/* A response header added by the answering side (e.g. Content-Range). */
typedef struct mg_http_response {
  int status;                /* HTTP status */
  const char *content_type;  /* e.g. "application/json"; NULL -> application/json */
  const mg_header *headers;  /* extra response headers; may be NULL */
  size_t header_count;
  const uint8_t *body;       /* copied by the transport before the call returns */
  size_t body_len;
  /* Instead of `body`, a file to stream (downloads): when `file_path` is not
   * NULL the transport sends `file_length` bytes from `file_offset`. The path
   * is opened before the call returns, so the file may be removed after. */
  const char *file_path;
  uint64_t file_offset;
  uint64_t file_length;
} mg_http_response;

/* Opaque: one pending HTTP request. It must be answered exactly once, through
 * the core's respond callbacks, from any thread. It stays valid until then,
 * even if the client has gone away (the answer is then dropped). */
typedef struct mg_http_responder mg_http_responder;

/* Log levels for the core's log callback. */
typedef enum mg_log_level {
  MG_LOG_ERROR = 0,
  MG_LOG_WARN = 1,
  MG_LOG_INFO = 2,
  MG_LOG_DEBUG = 3,
} mg_log_level;

#ifdef __cplusplus
}
#endif

#endif /* MEETGATE_COMMON_H */
