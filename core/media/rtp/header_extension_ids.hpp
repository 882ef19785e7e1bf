// The RTP header extension ids negotiated on one side (SDP a=extmap). 0 = not
// negotiated. The router reads the producer's ids and writes the consumer's.
#pragma once

#include <cstdint>

namespace meetgate::media::rtp {

struct HeaderExtensionIds {
  uint8_t mid = 0;            // urn:ietf:params:rtp-hdrext:sdes:mid
  uint8_t rid = 0;            // urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
  uint8_t repaired_rid = 0;   // urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
  uint8_t audio_level = 0;    // urn:ietf:params:rtp-hdrext:ssrc-audio-level
  uint8_t abs_send_time = 0;  // http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
  uint8_t transport_cc =
      0;  // http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
  uint8_t video_orientation = 0;  // urn:3gpp:video-orientation
};

}  // namespace meetgate::media::rtp
