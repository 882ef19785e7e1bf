// What the extraction pipelines need to know about an incoming RTP stream:
// the fields of the core's mg_sink_info (media.h), copied into C++ values.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace meetgate::extract {

enum class MediaKind { kAudio, kVideo };

struct RtpStreamInfo {
  MediaKind kind = MediaKind::kAudio;
  std::string codec;  // "opus", "PCMU", "PCMA", "VP8", "VP9", "H264" (case-insensitive)
  uint32_t clock_rate = 0;
  uint8_t payload_type = 0;
  uint8_t channels = 0;  // audio; 0 = codec default
};

// A pipeline could not be built (unsupported codec, missing GStreamer
// element) or failed while running.
class ExtractError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// True when the extractor can decode this codec with the installed plugins.
bool codec_supported(const RtpStreamInfo &stream);

}  // namespace meetgate::extract
