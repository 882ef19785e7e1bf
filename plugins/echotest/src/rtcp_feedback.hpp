// Looks inside an incoming (decrypted) RTCP compound packet for keyframe
// requests. The echo test answers them by asking the *sender* for a keyframe
// (request_keyframe), since the echoed video is the sender's own stream.
#pragma once

#include <cstddef>
#include <cstdint>

namespace meetgate::echotest {

// True if the compound packet holds a Picture Loss Indication (RFC 4585:
// PT=206 PSFB, FMT=1) or a Full Intra Request (RFC 5104: PT=206, FMT=4).
// Malformed packets (bad version, lengths past the end) give false.
bool rtcp_requests_keyframe(const uint8_t *data, size_t len);

}  // namespace meetgate::echotest
