// How the router asks the sender of a producer for a keyframe. The
// producer's PeerConnection implements it by sending PLI (or FIR when only
// FIR was negotiated) for `media_ssrc`; RtcpWriter writes both.
#pragma once

#include <cstdint>

namespace meetgate::media::rtp {

class KeyframeRequester {
 public:
  virtual ~KeyframeRequester() = default;

  // Already rate-limited by the router (RouterConfig::keyframe_request_interval_us
  // per SSRC). Called on whatever thread triggered it (the producer's worker
  // during fan-out, a consumer's worker on its PLI, or Router::tick's
  // caller). Must not block and must not call back into the Router.
  virtual void request_keyframe(uint32_t media_ssrc) = 0;
};

}  // namespace meetgate::media::rtp
