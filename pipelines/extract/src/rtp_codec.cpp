#include "rtp_codec.hpp"

#include <strings.h>

#include <array>
#include <optional>

#include "gst_runtime.hpp"

namespace meetgate::extract {
namespace {

struct KnownCodec {
  const char *name;  // as in SDP / mg_sink_info
  MediaKind kind;
  const char *encoding_name;  // RTP caps encoding-name
  uint32_t default_clock;
  const char *depayloader;
  std::array<const char *, 2> decoders;  // first one installed wins
};

constexpr std::array<KnownCodec, 6> kCodecs = {{
    {"opus", MediaKind::kAudio, "OPUS", 48000, "rtpopusdepay", {"opusdec", nullptr}},
    {"PCMU", MediaKind::kAudio, "PCMU", 8000, "rtppcmudepay", {"mulawdec", nullptr}},
    {"PCMA", MediaKind::kAudio, "PCMA", 8000, "rtppcmadepay", {"alawdec", nullptr}},
    {"VP8", MediaKind::kVideo, "VP8", 90000, "rtpvp8depay", {"vp8dec", nullptr}},
    {"VP9", MediaKind::kVideo, "VP9", 90000, "rtpvp9depay", {"vp9dec", nullptr}},
    {"H264", MediaKind::kVideo, "H264", 90000, "rtph264depay", {"avdec_h264", "openh264dec"}},
}};

const KnownCodec *find_codec(const RtpStreamInfo &stream) {
  for (const KnownCodec &codec : kCodecs)
    if (strcasecmp(codec.name, stream.codec.c_str()) == 0 && codec.kind == stream.kind)
      return &codec;
  return nullptr;
}

std::optional<std::string> installed_decoder(const KnownCodec &codec) {
  if (!element_available(codec.depayloader)) return std::nullopt;
  for (const char *decoder : codec.decoders)
    if (decoder && element_available(decoder)) return std::string(decoder);
  return std::nullopt;
}

}  // namespace

bool codec_supported(const RtpStreamInfo &stream) {
  const KnownCodec *codec = find_codec(stream);
  return codec && installed_decoder(*codec).has_value();
}

RtpCodecPipeline rtp_codec_pipeline(const RtpStreamInfo &stream) {
  const KnownCodec *codec = find_codec(stream);
  if (!codec) throw ExtractError("unsupported codec '" + stream.codec + "'");
  std::optional<std::string> decoder = installed_decoder(*codec);
  if (!decoder)
    throw ExtractError(std::string("no GStreamer depayloader/decoder installed for ") +
                       codec->name);
  uint32_t clock = stream.clock_rate ? stream.clock_rate : codec->default_clock;
  RtpCodecPipeline pipeline;
  pipeline.caps = std::string("application/x-rtp,media=") +
                  (codec->kind == MediaKind::kAudio ? "audio" : "video") +
                  ",encoding-name=" + codec->encoding_name +
                  ",clock-rate=" + std::to_string(clock) +
                  ",payload=" + std::to_string(stream.payload_type);
  pipeline.decode = std::string(codec->depayloader) + " ! " + *decoder;
  return pipeline;
}

}  // namespace meetgate::extract
