// Reads an SDP offer or answer with GStreamer's SDP library into a
// SessionDescription, and checks what WebRTC needs (ICE credentials, a DTLS
// fingerprint, a mid per m-line). Malformed input returns false with a reason;
// it never aborts.
#pragma once

#include <string>

#include "sdp_description.hpp"

namespace meetgate::media {

class SdpParser {
 public:
  static bool parse(const std::string &type, const std::string &text, SessionDescription &out,
                    std::string &error);
};

}  // namespace meetgate::media
