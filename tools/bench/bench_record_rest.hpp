// REST calls of `meetgate-bench record` (plugins/recorder): start a
// recording of a meeting as its host, poll its status, stop it. One libcurl
// handle, JSON envelopes parsed with Jansson; errors throw
// std::runtime_error with the gateway's answer.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <memory>
#include <string>

namespace meetgate::bench {

struct RecordingStatus {
  int64_t id = 0;
  std::string status;       // "recording" / "stopped" / "failed"
  size_t files = 0;         // files[] entries
  uint64_t size_bytes = 0;  // sum of files[].size_bytes
};

class RecorderRest {
 public:
  RecorderRest(std::string url, std::string token);
  ~RecorderRest();
  RecorderRest(const RecorderRest &) = delete;
  RecorderRest &operator=(const RecorderRest &) = delete;

  RecordingStatus start(const std::string &meeting_id, const std::string &mode);
  RecordingStatus status(int64_t recording_id);
  RecordingStatus stop(int64_t recording_id);

 private:
  RecordingStatus call(const char *method, const std::string &path, json_t *body);  // stolen

  std::string url_, token_;
  void *curl_;  // CURL *
};

}  // namespace meetgate::bench
