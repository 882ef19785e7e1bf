// A core callback table whose respond_json / respond_raw record what the kit
// handed them, so the tests check the real answers an HttpExchange gives.
#pragma once

#include <meetgate/plugin.h>

#include <cstdint>
#include <meetgate/pluginkit/json_ptr.hpp>
#include <string>
#include <utility>
#include <vector>

namespace meetgate::pluginkit::test {

struct RecordedAnswer {
  int calls = 0;
  bool raw = false;
  int status = 0;
  std::string message;             // respond_json
  JsonPtr data;                    // respond_json
  std::string content_type, body;  // respond_raw
  std::string file_path;           // respond_raw with a file
  uint64_t file_offset = 0, file_length = 0;
  std::vector<std::pair<std::string, std::string>> headers;
};

class RecordingCore {
 public:
  RecordingCore() {
    current() = &answer_;
    table_.respond_json = [](mg_http_responder *, int status, const char *message, json_t *data) {
      RecordedAnswer &a = *current();
      ++a.calls;
      a.raw = false;
      a.status = status;
      a.message = message ? message : "";
      a.data.reset(data);
    };
    table_.respond_raw = [](mg_http_responder *, const mg_http_response *response) {
      RecordedAnswer &a = *current();
      ++a.calls;
      a.raw = true;
      a.status = response->status;
      a.content_type = response->content_type ? response->content_type : "";
      if (response->body) {
        a.body.assign(reinterpret_cast<const char *>(response->body), response->body_len);
      }
      a.file_path = response->file_path ? response->file_path : "";
      a.file_offset = response->file_offset;
      a.file_length = response->file_length;
      for (size_t i = 0; i < response->header_count; ++i) {
        a.headers.emplace_back(response->headers[i].name, response->headers[i].value);
      }
    };
  }
  ~RecordingCore() { current() = nullptr; }
  RecordingCore(const RecordingCore &) = delete;
  RecordingCore &operator=(const RecordingCore &) = delete;

  const mg_core_callbacks *table() const { return &table_; }
  // Any non-null pointer: the recording core never dereferences it.
  mg_http_responder *responder() { return reinterpret_cast<mg_http_responder *>(&answer_); }
  RecordedAnswer &answer() { return answer_; }

 private:
  static RecordedAnswer *&current() {
    static RecordedAnswer *answer = nullptr;
    return answer;
  }
  mg_core_callbacks table_{};
  RecordedAnswer answer_;
};

// A borrowed request as a transport hands it over; owns its strings.
struct RequestSpec {
  std::string method = "GET", path = "/api/v1/things", query, body;
  std::string remote_addr = "127.0.0.1", request_id = "req-1";
  std::vector<std::pair<std::string, std::string>> headers;

  template <typename Fn>
  void with_request(Fn &&fn) const {
    std::vector<mg_header> raw;
    for (const auto &[name, value] : headers) raw.push_back(mg_header{name.c_str(), value.c_str()});
    mg_http_request request{};
    request.method = method.c_str();
    request.path = path.c_str();
    request.query = query.c_str();
    request.headers = raw.data();
    request.header_count = raw.size();
    request.body = reinterpret_cast<const uint8_t *>(body.data());
    request.body_len = body.size();
    request.remote_addr = remote_addr.c_str();
    request.request_id = request_id.c_str();
    fn(request);
  }
};

}  // namespace meetgate::pluginkit::test
