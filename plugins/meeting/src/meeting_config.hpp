// meetgate.plugin.meeting.jcfg, with defaults (see the sample for comments).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace meetgate::meeting {

struct MeetingConfig {
  bool enabled = true;
  size_t workers = 4;       // threads answering REST requests
  size_t db_pool_size = 0;  // 0 = workers + 2
  int64_t default_max_participants = 100;
  int64_t max_participants_limit = 1000;
  std::string signaling_path = "/ws/signaling";
  std::vector<std::string> ice_servers;  // e.g. "stun:stun.example.org:3478"
  size_t max_body = 65536;

  // Reads `path` (a missing file keeps the defaults). Returns false with
  // `error` set on a malformed file or value.
  static bool load(const char *path, MeetingConfig &config, std::string &error);
};

}  // namespace meetgate::meeting
