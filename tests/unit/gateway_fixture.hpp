// An in-process transport for the core's tests: the boundary the core talks
// to (http_send, ws_send, ws_close) records what it receives, so tests can
// drive the real Gateway through its transport callbacks without sockets.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gateway.hpp"
#include "temp_dir.hpp"

namespace meetgate::test {

struct RecordedResponse {
  int status = 0;
  std::string content_type;
  std::string body;
  std::map<std::string, std::string> headers;
  core::JsonPtr json() const;  // the body parsed, or null
};

class RecordingTransport {
 public:
  RecordingTransport();
  ~RecordingTransport();

  mg_transport *table();

  // Sends a request through the core's incoming_http and waits (deadline
  // 5 s) for the answer. Throws on timeout.
  RecordedResponse http(const std::string &method, const std::string &path,
                        const std::string &body = "", const std::string &query = "");
  // The number of answers received so far (double answers show up here).
  size_t answers() const;

  // WebSocket side: frames sent to a connection, and close requests.
  std::vector<core::JsonPtr> take_frames(mg_transport_conn *conn);
  std::vector<std::string> closes(mg_transport_conn *conn) const;

  // What the transport callbacks write to.
  void record_http(mg_http_responder *responder, const mg_http_response *response);
  void record_frame(mg_transport_conn *conn, json_t *message);
  void record_close(mg_transport_conn *conn, const char *reason);

 private:
  mutable std::mutex mutex_;
  std::condition_variable answered_;
  std::map<mg_http_responder *, RecordedResponse> responses_;
  std::map<mg_transport_conn *, std::vector<core::JsonPtr>> frames_;
  std::map<mg_transport_conn *, std::vector<std::string>> closes_;
  size_t answers_ = 0;
};

// A config for a Gateway in tests: temp config and data dirs, fixture plugins.
core::CoreConfig test_config(const TempDir &dir, const std::string &plugins_dir);

}  // namespace meetgate::test
