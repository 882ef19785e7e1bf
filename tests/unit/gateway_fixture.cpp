#include "gateway_fixture.hpp"

#include <chrono>
#include <stdexcept>

namespace meetgate::test {

namespace {
RecordingTransport *current_recorder = nullptr;

const char *package() {
  return "meetgate.transport.recording";
}
const char *name() {
  return "recording";
}
const char *version() {
  return "1";
}
int init(const mg_transport_callbacks *, const char *) {
  return 0;
}
void destroy() {}
void http_send(mg_http_responder *responder, const mg_http_response *response) {
  current_recorder->record_http(responder, response);
}
int ws_send(mg_transport_conn *conn, json_t *message) {
  current_recorder->record_frame(conn, message);
  return 0;
}
void ws_close(mg_transport_conn *conn, const char *reason) {
  current_recorder->record_close(conn, reason);
}

mg_transport recording_table = {MEETGATE_TRANSPORT_API_VERSION,
                                init,
                                destroy,
                                package,
                                name,
                                version,
                                name,
                                nullptr,
                                http_send,
                                ws_send,
                                ws_close};
}  // namespace

core::JsonPtr RecordedResponse::json() const {
  json_error_t error;
  return core::adopt_json(json_loadb(body.data(), body.size(), 0, &error));
}

RecordingTransport::RecordingTransport() {
  current_recorder = this;
}
RecordingTransport::~RecordingTransport() {
  current_recorder = nullptr;
}

mg_transport *RecordingTransport::table() {
  return &recording_table;
}

void RecordingTransport::record_http(mg_http_responder *responder,
                                     const mg_http_response *response) {
  RecordedResponse recorded;
  recorded.status = response->status;
  recorded.content_type = response->content_type ? response->content_type : "application/json";
  if (response->body)
    recorded.body.assign(reinterpret_cast<const char *>(response->body), response->body_len);
  for (size_t i = 0; i < response->header_count; ++i) {
    recorded.headers[response->headers[i].name] = response->headers[i].value;
  }
  {
    std::lock_guard lock(mutex_);
    responses_[responder] = std::move(recorded);
    ++answers_;
  }
  answered_.notify_all();
}

void RecordingTransport::record_frame(mg_transport_conn *conn, json_t *message) {
  std::lock_guard lock(mutex_);
  frames_[conn].push_back(core::adopt_json(message));
}

void RecordingTransport::record_close(mg_transport_conn *conn, const char *reason) {
  std::lock_guard lock(mutex_);
  closes_[conn].push_back(reason ? reason : "");
}

RecordedResponse RecordingTransport::http(const std::string &method, const std::string &path,
                                          const std::string &body, const std::string &query) {
  // Each call gets its own responder identity: the address of a fresh byte.
  auto token = std::make_unique<char>();
  auto *responder = reinterpret_cast<mg_http_responder *>(token.get());
  mg_http_request request{};
  request.method = method.c_str();
  request.path = path.c_str();
  request.query = query.c_str();
  request.body = reinterpret_cast<const uint8_t *>(body.data());
  request.body_len = body.size();
  request.remote_addr = "127.0.0.1";
  request.request_id = "req-test";
  core::Gateway::current()->transport_callbacks().incoming_http(table(), &request, responder);
  std::unique_lock lock(mutex_);
  if (!answered_.wait_for(lock, std::chrono::seconds(5),
                          [&] { return responses_.count(responder) > 0; })) {
    throw std::runtime_error("no answer to " + method + " " + path + " within 5 s");
  }
  RecordedResponse response = std::move(responses_[responder]);
  responses_.erase(responder);
  return response;
}

size_t RecordingTransport::answers() const {
  std::lock_guard lock(mutex_);
  return answers_;
}

std::vector<core::JsonPtr> RecordingTransport::take_frames(mg_transport_conn *conn) {
  std::lock_guard lock(mutex_);
  std::vector<core::JsonPtr> frames = std::move(frames_[conn]);
  frames_.erase(conn);
  return frames;
}

std::vector<std::string> RecordingTransport::closes(mg_transport_conn *conn) const {
  std::lock_guard lock(mutex_);
  auto found = closes_.find(conn);
  return found == closes_.end() ? std::vector<std::string>{} : found->second;
}

core::CoreConfig test_config(const TempDir &dir, const std::string &plugins_dir) {
  core::CoreConfig config;
  config.config_dir = dir.str();
  config.config_file = dir.str() + "/meetgate.jcfg";
  config.general.data_dir = dir.str() + "/data";
  config.general.plugins_dir = plugins_dir;
  config.general.transports_dir = dir.str() + "/no-transports";
  config.general.node_id = "test-node";
  config.general.ws_url = "ws://localhost:8081";
  return config;
}

}  // namespace meetgate::test
