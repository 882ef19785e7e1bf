// Loads an uploaded media file through the recorder plugin's
// "recorder.media_file" service (which decides whether the user may read
// it and where it lies on this node). Plugins never read each other's
// tables. Throws ApiError: 400 bad id, 403 / 404 as the service answered,
// 413 larger than max_bytes, 503 no recorder plugin or unreadable file.
#pragma once

#include <meetgate/plugin.h>

#include <cstddef>
#include <string>

#include "caller.hpp"
#include "media_file.hpp"

namespace meetgate::ai {

class MediaFileSource {
 public:
  MediaFileSource(const mg_core_callbacks *core, std::size_t max_bytes)
      : core_(core), max_bytes_(max_bytes) {}
  // `media_id` is the body's media_file_id (an integer or a numeric string).
  MediaFile load(const json_t *media_id, const Caller &caller) const;

 private:
  const mg_core_callbacks *core_;
  std::size_t max_bytes_;
};

}  // namespace meetgate::ai
