#include "http_server.hpp"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "request_target.hpp"
#include "response_factory.hpp"
#include "support/client_address.hpp"
#include "support/listen_address.hpp"
#include "support/request_id.hpp"

namespace meetgate::transport {
namespace {

// How long stop() lets the 503 answers and in-progress requests drain.
constexpr auto kDrainDeadline = std::chrono::seconds(3);

// libmicrohttpd 0.9 cannot queue an answer in the middle of a body, so a
// chunked body that outgrows its limit is discarded up to this many further
// bytes to answer 413 at its end; a longer one is cut by closing the socket.
constexpr size_t kDiscardAfterLimit = 65536;

MHD_Result collect_header(void *cls, MHD_ValueKind, const char *key, const char *value) {
  if (key != nullptr) {
    static_cast<RequestHeaders *>(cls)->add(key, value != nullptr ? value : "");
  }
  return MHD_YES;
}

bool read_file(const std::string &path, std::string &contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  contents = buffer.str();
  return true;
}

std::optional<unsigned long long> parse_content_length(std::string_view text) {
  unsigned long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return {};
  return value;
}

}  // namespace

HttpServer::HttpServer(const mg_transport_callbacks *core, mg_transport *self, HttpConfig config)
    : core_(core),
      self_(self),
      config_(std::move(config)),
      cors_(config_.cors_origins, config_.cors_methods, config_.cors_headers,
            config_.cors_max_age) {}

HttpServer::~HttpServer() {
  stop();
}

std::string HttpServer::start() {
  std::string error = start_daemon();
  if (!error.empty()) return error;
  const MHD_DaemonInfo *info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
  bound_port_ = info != nullptr ? info->port : config_.port;
  core_->log(self_, MG_LOG_INFO, "listening on http%s://%s:%d (%u threads, max body %zu bytes)",
             config_.tls_cert.empty() ? "" : "s", config_.bind.c_str(), bound_port_,
             config_.threads, config_.max_body);
  return {};
}

std::string HttpServer::start_daemon() {
  ListenAddress address = resolve_listen_address(config_.bind, config_.port);
  if (!address.error.empty()) return address.error;
  unsigned flags =
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  if (address.ipv6) flags |= MHD_USE_IPv6;
  // The logger first: MHD reports problems with later options through it.
  std::vector<MHD_OptionItem> options = {
      {MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&HttpServer::on_mhd_log), this},
      {MHD_OPTION_SOCK_ADDR, 0, &address.storage},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(config_.max_header_bytes),
       nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, config_.connection_timeout, nullptr},
      {MHD_OPTION_URI_LOG_CALLBACK, reinterpret_cast<intptr_t>(&HttpServer::on_uri), this},
      {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&HttpServer::on_completed), this},
  };
  // One thread is MHD's plain internal polling thread; more make a pool.
  if (config_.threads > 1)
    options.push_back({MHD_OPTION_THREAD_POOL_SIZE, config_.threads, nullptr});
  if (!config_.tls_cert.empty()) {
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
      return "TLS requested but this libmicrohttpd has no TLS support";
    }
    if (!read_file(config_.tls_cert, tls_cert_pem_)) {
      return "cannot read tls_cert " + config_.tls_cert;
    }
    if (!read_file(config_.tls_key, tls_key_pem_)) return "cannot read tls_key " + config_.tls_key;
    flags |= MHD_USE_TLS;
    options.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, tls_cert_pem_.data()});
    options.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, tls_key_pem_.data()});
  }
  options.push_back({MHD_OPTION_END, 0, nullptr});
  daemon_ = MHD_start_daemon(flags, static_cast<uint16_t>(config_.port), nullptr, nullptr,
                             &HttpServer::on_access, this, MHD_OPTION_ARRAY, options.data(),
                             MHD_OPTION_END);
  if (daemon_ != nullptr) return {};
  std::lock_guard lock(last_error_mutex_);
  return "cannot listen on " + config_.bind + ":" + std::to_string(config_.port) +
         (last_mhd_error_.empty() ? std::string() : ": " + last_mhd_error_);
}

void HttpServer::stop() {
  if (daemon_ == nullptr || shutting_down_.exchange(true)) return;
  // Stop accepting first: MHD hands the listening socket back to be closed.
  MHD_socket listener = MHD_quiesce_daemon(daemon_);
  if (listener != MHD_INVALID_SOCKET) close(listener);
  for (const auto &pending : registry_.close()) answer_unavailable(*pending);
  wait_for_idle();
  MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
  core_->log(self_, MG_LOG_INFO, "stopped");
}

void HttpServer::wait_for_idle() {
  std::unique_lock lock(active_mutex_);
  bool idle =
      active_changed_.wait_for(lock, kDrainDeadline, [this] { return active_requests_ == 0; });
  if (!idle) {
    core_->log(self_, MG_LOG_WARN, "%zu requests still open at shutdown; closing them",
               active_requests_);
  }
}

void HttpServer::answer_unavailable(PendingRequest &pending) {
  CommonHeaders common{pending.request_id(), pending.cors_headers()};
  pending.deliver(
      make_error_response(503, "service unavailable", "the gateway is shutting down", common));
}

void HttpServer::send(mg_http_responder *responder, const mg_http_response *response) {
  std::shared_ptr<PendingRequest> pending = registry_.take(responder);
  if (!pending) {
    // During shutdown the request was already answered 503; otherwise the
    // caller answered twice or invented a responder.
    core_->log(self_, shutting_down_ ? MG_LOG_DEBUG : MG_LOG_WARN,
               "answer for an unknown or already answered request dropped");
    return;
  }
  CommonHeaders common{pending->request_id(), pending->cors_headers()};
  ReadyResponse answer;
  if (response == nullptr) {
    answer = make_error_response(500, "internal error", "empty answer", common);
  } else {
    std::string problem;
    answer = make_core_response(*response, common, problem);
    if (!problem.empty()) core_->log(self_, MG_LOG_WARN, "%s", problem.c_str());
  }
  if (!answer) {
    core_->log(self_, MG_LOG_ERROR, "cannot build the answer to request %s",
               pending->request_id().c_str());
    answer = make_error_response(500, "internal error", "cannot build the answer", common);
  }
  if (!pending->deliver(std::move(answer))) {
    core_->log(self_, MG_LOG_DEBUG, "client of request %s left before the answer",
               pending->request_id().c_str());
  }
}

json_t *HttpServer::query() const {
  return json_pack("{s:s, s:i, s:b, s:I}", "bind", config_.bind.c_str(), "port", bound_port_, "tls",
                   !config_.tls_cert.empty(), "requests_in_flight",
                   static_cast<json_int_t>(registry_.size()));
}

// ---------------------------------------------------------------------------
// libmicrohttpd callbacks (on its polling threads)

void *HttpServer::on_uri(void *cls, const char *uri, MHD_Connection *) {
  auto *server = static_cast<HttpServer *>(cls);
  {
    std::lock_guard lock(server->active_mutex_);
    ++server->active_requests_;
  }
  auto *request = new RequestContext();
  request->raw_uri = uri != nullptr ? uri : "";
  return request;
}

void HttpServer::on_completed(void *cls, MHD_Connection *, void **request_state,
                              MHD_RequestTerminationCode) {
  auto *server = static_cast<HttpServer *>(cls);
  std::unique_ptr<RequestContext> request(static_cast<RequestContext *>(*request_state));
  *request_state = nullptr;
  if (!request) return;
  if (request->pending) request->pending->detach();
  request.reset();
  std::lock_guard lock(server->active_mutex_);
  --server->active_requests_;
  server->active_changed_.notify_all();
}

void HttpServer::on_mhd_log(void *cls, const char *format, va_list args) {
  auto *server = static_cast<HttpServer *>(cls);
  char line[512];
  std::vsnprintf(line, sizeof(line), format, args);
  std::string text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  {
    std::lock_guard lock(server->last_error_mutex_);
    server->last_mhd_error_ = text;
  }
  server->core_->log(server->self_, MG_LOG_DEBUG, "libmicrohttpd: %s", text.c_str());
}

MHD_Result HttpServer::on_access(void *cls, MHD_Connection *connection, const char *url,
                                 const char *method, const char *, const char *upload_data,
                                 size_t *upload_data_size, void **request_state) {
  auto *request = static_cast<RequestContext *>(*request_state);
  if (request == nullptr) return MHD_NO;
  return static_cast<HttpServer *>(cls)->handle(connection, url, method, upload_data,
                                                upload_data_size, *request);
}

MHD_Result HttpServer::handle(MHD_Connection *connection, const char *url, const char *method,
                              const char *upload_data, size_t *upload_data_size,
                              RequestContext &request) {
  // Called again after a resume: the core's answer is waiting.
  if (request.pending) return queue(connection, request.pending->take());
  if (!request.headers_seen) {
    request.headers_seen = true;
    return on_headers(connection, url, method, request);
  }
  if (*upload_data_size > 0) {
    size_t size = *upload_data_size;
    *upload_data_size = 0;
    return on_body(connection, request, upload_data, size);
  }
  if (request.answered_early) return MHD_YES;
  if (request.over_limit) {
    return answer_early(
        connection, request, 413, "request body too large",
        "the limit for this path is " + std::to_string(request.body_limit) + " bytes");
  }
  return on_complete(connection, url, method, request);
}

MHD_Result HttpServer::on_headers(MHD_Connection *connection, const char *url, const char *method,
                                  RequestContext &request) {
  MHD_get_connection_values(connection, MHD_HEADER_KIND, &collect_header, &request.headers);
  request.request_id = request_id_for(request.headers.find("X-Request-ID"));
  request.cors = cors_.response_headers(request.headers.find("Origin"));
  if (shutting_down_) {
    return answer_early(connection, request, 503, "service unavailable",
                        "the gateway is shutting down");
  }
  RequestTarget target = inspect_request_target(request.raw_uri, url != nullptr ? url : "");
  if (!target.error.empty()) {
    return answer_early(connection, request, 400, "bad request", target.error);
  }
  request.query = std::move(target.query);
  if (std::string_view(method) == MHD_HTTP_METHOD_OPTIONS) {
    return answer_preflight(connection, request);
  }
  size_t limit = core_->max_body_for(url);
  request.body_limit = limit != 0 ? limit : config_.max_body;
  std::string_view length_header = request.headers.find("Content-Length");
  auto length = parse_content_length(length_header);
  if (length && *length > request.body_limit) {
    return answer_early(
        connection, request, 413, "request body too large",
        "the limit for this path is " + std::to_string(request.body_limit) + " bytes");
  }
  return MHD_YES;
}

MHD_Result HttpServer::on_body(MHD_Connection *connection, RequestContext &request,
                               const char *data, size_t size) {
  (void)connection;
  if (request.answered_early) return MHD_YES;  // the rest of the body is discarded
  if (!request.over_limit && request.body.size() + size > request.body_limit) {
    request.over_limit = true;
    request.body = std::string();  // release it now
  }
  if (request.over_limit) {
    request.discarded += size;
    return request.discarded <= kDiscardAfterLimit ? MHD_YES : MHD_NO;
  }
  request.body.append(data, size);
  return MHD_YES;
}

MHD_Result HttpServer::on_complete(MHD_Connection *connection, const char *url, const char *method,
                                   RequestContext &request) {
  std::string remote = client_address(connection, request);
  std::vector<mg_header> headers = request.headers.abi_view();
  mg_http_request abi{};
  abi.method = method;
  abi.path = url;
  abi.query = request.query.c_str();
  abi.headers = headers.data();
  abi.header_count = headers.size();
  abi.body =
      request.body.empty() ? nullptr : reinterpret_cast<const uint8_t *>(request.body.data());
  abi.body_len = request.body.size();
  abi.remote_addr = remote.c_str();
  abi.request_id = request.request_id.c_str();

  auto pending = std::make_shared<PendingRequest>(connection, request.request_id, request.cors);
  request.pending = pending;
  if (registry_.add(pending)) {
    core_->incoming_http(self_, &abi, ResponderRegistry::responder_of(pending.get()));
  } else {
    answer_unavailable(*pending);  // stop() already ran: do not start new work
  }
  ReadyResponse answer = pending->take_or_suspend();
  return answer ? queue(connection, std::move(answer)) : MHD_YES;
}

MHD_Result HttpServer::answer_preflight(MHD_Connection *connection, RequestContext &request) {
  PreflightAnswer preflight = cors_.preflight(
      request.headers.find("Origin"), request.headers.find("Access-Control-Request-Method"));
  request.answered_early = true;
  CommonHeaders common{request.request_id, preflight.headers};
  if (preflight.status != 204) {
    return queue(connection, make_error_response(preflight.status, "CORS origin not allowed",
                                                 "origin is not in cors_origins", common));
  }
  return queue(connection, make_body_response(204, "", "text/plain", common));
}

MHD_Result HttpServer::answer_early(MHD_Connection *connection, RequestContext &request,
                                    unsigned status, const std::string &message,
                                    const std::string &error) {
  request.answered_early = true;
  request.body.clear();
  CommonHeaders common{request.request_id, request.cors};
  return queue(connection, make_error_response(status, message, error, common));
}

MHD_Result HttpServer::queue(MHD_Connection *connection, ReadyResponse answer) {
  if (!answer) return MHD_NO;  // nothing to send: close the connection
  // MHD keeps its own reference; ours is released when `answer` goes.
  return MHD_queue_response(connection, answer.status, answer.response.get());
}

std::string HttpServer::client_address(MHD_Connection *connection,
                                       const RequestContext &request) const {
  const MHD_ConnectionInfo *info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  std::string peer = peer_address_text(info != nullptr ? info->client_addr : nullptr);
  return resolve_client_address(peer, request.headers.find("X-Forwarded-For"),
                                config_.trust_forwarded);
}

}  // namespace meetgate::transport
