// The videoroom's settings, read from meetgate.plugin.videoroom.jcfg with
// libconfig. A missing file or key keeps the default written here (and in
// the sample .jcfg).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace meetgate::videoroom {

struct VideoRoomConfig {
  bool enabled = true;  // general.enabled
  std::string www_dir;  // general.www_dir: "" = installed share/meetgate/www, else source www/
  size_t max_chat_length = 4096;     // general.max_chat_length: bytes per chat message
  size_t chat_history_limit = 200;   // general.chat_history_limit: most messages per history page
  size_t max_publishers_tracks = 6;  // general.max_tracks_per_publisher
  size_t active_speaker_interval_ms = 1000;  // general.active_speaker_interval_ms
  size_t active_speaker_max_dbov =
      50;                   // general.active_speaker_max_dbov: quieter levels are silence
  size_t db_pool_size = 2;  // general.db_pool_size
  bool sfu = true;          // general.sfu: false = mesh relay only (offers to the server refused)
  std::vector<std::string> ice_servers;  // general.ice_servers: URLs sent in room-info
};

// Reads `path`. Returns false with `error` ("file:line: message" or "key ...")
// when the file exists but does not parse or a key has the wrong type.
bool load_videoroom_config(const char *path, VideoRoomConfig &config, std::string &error);

}  // namespace meetgate::videoroom
