// An uploaded media file the recorder plugin let the caller read (service
// "recorder.media_file"), with its bytes loaded.
#pragma once

#include <cstdint>
#include <string>

namespace meetgate::ai {

struct MediaFile {
  int64_t id = 0;
  std::string content_type;  // sniffed by the recorder from the bytes
  std::string filename;      // the uploader's name, for messages only
  std::string bytes;
};

}  // namespace meetgate::ai
