#include <strings.h>

#include <meetgate/recording/rtp_format.hpp>
#include <stdexcept>

namespace meetgate::recording {

std::string RtpFormat::canonical_codec() const {
  for (const char *known : {"VP8", "VP9", "H264"})
    if (strcasecmp(codec.c_str(), known) == 0) return known;
  if (strcasecmp(codec.c_str(), "opus") == 0) return "opus";
  return "";
}

void RtpFormat::validate() const {
  std::string name = canonical_codec();
  if (name.empty()) throw std::invalid_argument("unsupported codec '" + codec + "'");
  if ((name == "opus") == (kind == MediaKind::kVideo))
    throw std::invalid_argument("codec " + name + " does not match the media kind");
  if (clock_rate == 0) throw std::invalid_argument("clock rate must be positive");
  if (payload_type > 127) throw std::invalid_argument("payload type out of range");
}

std::string RtpFormat::rtp_caps() const {
  std::string name = canonical_codec();
  std::string caps = "application/x-rtp,media=" + std::string(is_video() ? "video" : "audio") +
                     ",encoding-name=" + (name == "opus" ? "OPUS" : name) +
                     ",clock-rate=" + std::to_string(clock_rate) +
                     ",payload=" + std::to_string(payload_type);
  if (name == "H264") caps += ",packetization-mode=(string)1";
  return caps;
}

std::string RtpFormat::depayloader() const {
  std::string name = canonical_codec();
  if (name == "VP8") return "rtpvp8depay";
  if (name == "VP9") return "rtpvp9depay";
  if (name == "H264") return "rtph264depay";
  return "rtpopusdepay";
}

std::string RtpFormat::parser() const {
  // h264parse turns the depayloaded access units into avc/au with codec
  // data and marks keyframes, which Matroska needs; VP8/VP9/Opus need none.
  return is_h264() ? "h264parse" : "";
}

std::string RtpFormat::decoder() const {
  std::string name = canonical_codec();
  if (name == "VP8") return "vp8dec";
  if (name == "VP9") return "vp9dec";
  if (name == "H264") return "avdec_h264";
  return "opusdec";
}

std::string RtpFormat::muxer() const {
  return is_h264() ? "matroskamux" : "webmmux";
}

std::string RtpFormat::file_extension() const {
  return is_h264() ? ".mkv" : ".webm";
}

}  // namespace meetgate::recording
