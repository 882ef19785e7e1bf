#include "bench_record_rest.hpp"

#include <curl/curl.h>

#include <cstdlib>
#include <stdexcept>

namespace meetgate::bench {
namespace {

struct JsonFree {
  void operator()(json_t *json) const { json_decref(json); }
};
using Json = std::unique_ptr<json_t, JsonFree>;

size_t collect(char *data, size_t size, size_t count, void *out) {
  static_cast<std::string *>(out)->append(data, size * count);
  return size * count;
}

RecordingStatus parse_recording(json_t *data) {
  RecordingStatus result;
  json_t *id = json_object_get(data, "id");
  if (!json_is_integer(id)) id = json_object_get(data, "recording_id");
  result.id = json_is_integer(id) ? json_integer_value(id) : 0;
  const char *status = json_string_value(json_object_get(data, "status"));
  result.status = status ? status : "";
  json_t *files = json_object_get(data, "files");
  result.files = json_is_array(files) ? json_array_size(files) : 0;
  size_t index = 0;
  json_t *file = nullptr;
  json_array_foreach(files, index, file) {
    json_t *size = json_object_get(file, "size_bytes");
    if (json_is_integer(size) && json_integer_value(size) > 0)
      result.size_bytes += static_cast<uint64_t>(json_integer_value(size));
  }
  return result;
}

}  // namespace

RecorderRest::RecorderRest(std::string url, std::string token)
    : url_(std::move(url)), token_(std::move(token)), curl_(curl_easy_init()) {
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

RecorderRest::~RecorderRest() {
  curl_easy_cleanup(static_cast<CURL *>(curl_));
}

RecordingStatus RecorderRest::start(const std::string &meeting_id, const std::string &mode) {
  return call("POST", "/api/v1/recordings/start",
              json_pack("{s:s, s:s}", "meeting_id", meeting_id.c_str(), "mode", mode.c_str()));
}

RecordingStatus RecorderRest::status(int64_t recording_id) {
  return call("GET", "/api/v1/recordings/" + std::to_string(recording_id), nullptr);
}

RecordingStatus RecorderRest::stop(int64_t recording_id) {
  return call("POST", "/api/v1/recordings/stop",
              json_pack("{s:I}", "recording_id", static_cast<json_int_t>(recording_id)));
}

RecordingStatus RecorderRest::call(const char *method, const std::string &path, json_t *body) {
  Json owned(body);
  CURL *curl = static_cast<CURL *>(curl_);
  curl_easy_reset(curl);
  std::string json, answer;
  curl_slist *headers = curl_slist_append(nullptr, ("Authorization: Bearer " + token_).c_str());
  if (owned) {
    char *text = json_dumps(owned.get(), JSON_COMPACT);
    json = text ? text : "{}";
    std::free(text);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(json.size()));
  }
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(curl, CURLOPT_URL, (url_ + path).c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  long status = 0;
  if (code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  Json parsed(json_loads(answer.c_str(), 0, nullptr));
  json_t *data = parsed ? json_object_get(parsed.get(), "data") : nullptr;
  if (status < 200 || status >= 300 || !json_is_object(data))
    throw std::runtime_error(std::string(method) + " " + path + " failed: HTTP " +
                             std::to_string(status) + " " + answer);
  return parse_recording(data);
}

}  // namespace meetgate::bench
