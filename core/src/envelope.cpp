#include "envelope.hpp"

#include <chrono>
#include <cstdlib>

namespace meetgate::core {

JsonPtr make_envelope(int status, const char *message, json_t *data,
                      const std::string &request_id) {
  JsonPtr envelope = adopt_json(json_object());
  json_object_set_new(envelope.get(), "code", json_integer(status));
  json_object_set_new(envelope.get(), "message",
                      json_string(message ? message : (status < 400 ? "success" : "error")));
  json_object_set_new(envelope.get(), status < 400 ? "data" : "error", data ? data : json_null());
  if (!request_id.empty()) {
    json_object_set_new(envelope.get(), "request_id", json_string(request_id.c_str()));
  }
  return envelope;
}

long long unix_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

JsonPtr make_error_frame(int code, const char *message, const char *details) {
  JsonPtr payload = adopt_json(json_object());
  json_object_set_new(payload.get(), "code", json_integer(code));
  json_object_set_new(payload.get(), "message", json_string(message ? message : "error"));
  json_object_set_new(payload.get(), "details", json_string(details ? details : ""));
  JsonPtr frame = adopt_json(json_object());
  json_object_set_new(frame.get(), "type", json_string("error"));
  json_object_set(frame.get(), "payload", payload.get());
  json_object_set_new(frame.get(), "timestamp", json_integer(unix_millis()));
  return frame;
}

std::string dump_json(const json_t *json) {
  char *text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);
  if (!text) return {};
  std::string result(text);
  std::free(text);
  return result;
}

}  // namespace meetgate::core
