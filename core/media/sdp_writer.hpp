// Writes a SessionDescription as SDP text with GStreamer's SDP library.
#pragma once

#include <string>

#include "sdp_description.hpp"

namespace meetgate::media {

class SdpWriter {
 public:
  static std::string write(const SessionDescription &description);
};

}  // namespace meetgate::media
