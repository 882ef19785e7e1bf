// The HTTP transport's server: a libmicrohttpd daemon with a pool of polling
// threads. Each complete request goes to the core (incoming_http); the
// connection is then suspended until the core answers through http_send
// from any thread, so one slow plugin holds no worker thread.
#pragma once

#include <meetgate/transport.h>
#include <microhttpd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

#include "cors_policy.hpp"
#include "http_config.hpp"
#include "request_context.hpp"
#include "responder_registry.hpp"

namespace meetgate::transport {

class HttpServer {
 public:
  HttpServer(const mg_transport_callbacks *core, mg_transport *self, HttpConfig config);
  ~HttpServer();
  HttpServer(const HttpServer &) = delete;
  HttpServer &operator=(const HttpServer &) = delete;

  // Starts listening. Returns "" or why it could not (e.g. port in use).
  std::string start();
  // Stops accepting, answers waiting requests with 503, joins the threads.
  void stop();
  // The core's answer to a pending request (any thread).
  void send(mg_http_responder *responder, const mg_http_response *response);
  // {bind, port, tls, requests_in_flight} (new reference).
  json_t *query() const;

 private:
  static MHD_Result on_access(void *cls, MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **request_state);
  static void *on_uri(void *cls, const char *uri, MHD_Connection *connection);
  static void on_completed(void *cls, MHD_Connection *connection, void **request_state,
                           MHD_RequestTerminationCode code);
  static void on_mhd_log(void *cls, const char *format, va_list args);

  MHD_Result handle(MHD_Connection *connection, const char *url, const char *method,
                    const char *upload_data, size_t *upload_data_size, RequestContext &request);
  MHD_Result on_headers(MHD_Connection *connection, const char *url, const char *method,
                        RequestContext &request);
  MHD_Result on_body(MHD_Connection *connection, RequestContext &request, const char *data,
                     size_t size);
  MHD_Result on_complete(MHD_Connection *connection, const char *url, const char *method,
                         RequestContext &request);
  MHD_Result answer_preflight(MHD_Connection *connection, RequestContext &request);
  MHD_Result answer_early(MHD_Connection *connection, RequestContext &request, unsigned status,
                          const std::string &message, const std::string &error);
  MHD_Result queue(MHD_Connection *connection, ReadyResponse answer);
  std::string client_address(MHD_Connection *connection, const RequestContext &request) const;
  void answer_unavailable(PendingRequest &pending);
  void wait_for_idle();
  std::string start_daemon();

  const mg_transport_callbacks *core_;
  mg_transport *self_;
  const HttpConfig config_;
  const CorsPolicy cors_;
  // PEM texts handed to MHD by pointer: kept for the daemon's lifetime.
  std::string tls_cert_pem_;
  std::string tls_key_pem_;
  MHD_Daemon *daemon_ = nullptr;
  int bound_port_ = 0;
  std::atomic<bool> shutting_down_{false};
  ResponderRegistry registry_;
  // Requests between their URI and completion callbacks, for a clean stop.
  mutable std::mutex active_mutex_;
  std::condition_variable active_changed_;
  size_t active_requests_ = 0;
  // MHD's last error message, quoted when the daemon cannot start.
  std::mutex last_error_mutex_;
  std::string last_mhd_error_;
};

}  // namespace meetgate::transport
