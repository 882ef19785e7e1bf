// One m-line of a PeerConnection and what the engine knows about it: the
// negotiated codecs and header extensions, the remote's SSRCs (incoming) and
// our own SSRC (outgoing). Plain data owned by the PeerConnection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sdp_description.hpp"

namespace meetgate::media {

struct Transceiver {
  std::string mid;
  std::string kind;  // "audio" or "video"; anything else is kept rejected
  bool rejected = false;
  // Negotiated parameters: codecs in preference order, payload types as the
  // remote writes them (the engine keeps the remote's numbers).
  std::vector<SdpCodec> codecs;
  std::vector<SdpExtension> extensions;
  SdpDirection direction = SdpDirection::kInactive;  // ours, after negotiation
  // What we send: our SSRC and msid on this m-line, when we send at all.
  bool local_send = false;
  uint32_t local_ssrc = 0;
  std::string local_msid;
  // What the remote sends.
  std::vector<uint32_t> remote_ssrcs;
  bool track_announced = false;  // the plugin got its "track" event
  // Router links: the producer fed by this m-line's incoming stream, the
  // consumer whose packets this m-line sends (0 = none).
  uint64_t producer = 0;
  uint64_t consumer = 0;
  // The consumer was created paused because the transport was not up yet
  // (what it sent would be lost, keyframe included); resumed on connect.
  bool consumer_held = false;

  int extension_id(const std::string &uri) const {
    for (const auto &extension : extensions)
      if (extension.uri == uri) return extension.id;
    return 0;
  }
};

}  // namespace meetgate::media
