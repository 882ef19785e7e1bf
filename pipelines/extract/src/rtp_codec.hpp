// Maps an RTP stream's codec to the appsrc caps and the depayload + decode
// fragment of a gst-launch description.
#pragma once

#include <string>

#include "meetgate/extract/rtp_stream.hpp"

namespace meetgate::extract {

struct RtpCodecPipeline {
  std::string caps;    // application/x-rtp,... for the appsrc
  std::string decode;  // "rtpopusdepay ! opusdec"
};

// Throws ExtractError for a codec it cannot decode.
RtpCodecPipeline rtp_codec_pipeline(const RtpStreamInfo &stream);

}  // namespace meetgate::extract
