// meetgate.plugin.recorder.jcfg, section `general` (defaults in the sample).
#pragma once

#include <cstdint>
#include <string>

namespace meetgate::recorder {

struct RecorderConfig {
  bool enabled = true;
  int64_t max_upload_bytes = 100LL * 1024 * 1024;        // POST /media/upload
  int64_t disk_quota_bytes = 10LL * 1024 * 1024 * 1024;  // recordings + media; 0 = none
  int64_t max_recording_seconds = 4 * 3600;              // then stopped automatically
  bool auto_record = true;  // honour "recording": true in a meeting's settings
  int64_t composite_width = 1280, composite_height = 720, composite_fps = 15;
  int64_t composite_bitrate = 1'500'000;
  int64_t stop_deadline_ms = 5000;  // EOS wait for duration/cues on stop
  int64_t workers = 2;              // REST/database worker threads

  // Reads `path` (a missing file keeps the defaults). False with `error`
  // naming the key when a value is invalid.
  static bool load(const char *path, RecorderConfig &config, std::string &error);
};

}  // namespace meetgate::recorder
