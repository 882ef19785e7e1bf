// What an RTP stream carries, as the core describes a sink consumer
// (mg_sink_info): codec, clock rate, payload type, channels. It decides the
// caps set on appsrc and which depayloader/parser the recorder plugs.
#pragma once

#include <cstdint>
#include <string>

namespace meetgate::recording {

enum class MediaKind { kAudio, kVideo };

struct RtpFormat {
  MediaKind kind = MediaKind::kVideo;
  std::string codec;  // "VP8", "VP9", "H264", "opus" (case-insensitive)
  uint32_t clock_rate = 90000;
  uint8_t payload_type = 96;
  uint8_t channels = 0;  // audio only; 0 = codec default

  // Throws std::invalid_argument for a codec the recorder cannot mux, a
  // kind that does not match the codec, or a zero clock rate.
  void validate() const;
  // The codec in the canonical spelling above.
  std::string canonical_codec() const;
  bool is_video() const { return kind == MediaKind::kVideo; }
  bool is_h264() const { return canonical_codec() == "H264"; }

  // "application/x-rtp,media=video,encoding-name=VP8,clock-rate=90000,payload=96"
  std::string rtp_caps() const;
  // The depayloader factory ("rtpvp8depay", ...).
  std::string depayloader() const;
  // The parser to plug after the depayloader, or "" when none is needed.
  std::string parser() const;
  // The decoder for composite recording ("vp8dec", "avdec_h264", "opusdec").
  std::string decoder() const;
  // The container the track is written to: "webmmux" (VP8/VP9/Opus) or
  // "matroskamux" (H.264, which WebM does not allow).
  std::string muxer() const;
  // ".webm" or ".mkv", matching muxer().
  std::string file_extension() const;
};

}  // namespace meetgate::recording
