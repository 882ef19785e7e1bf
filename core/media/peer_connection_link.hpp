// How the router reaches a PeerConnection from any thread: as the PacketSink
// of a consumer's m-line (rewritten RTP and our sender reports), as the
// feedback path of a producer (RR/NACK/REMB to the sender) and as its
// keyframe requester (PLI). Each call is handed to the PeerConnection's
// worker: inline when already there, else queued with a copy of the packet.
#pragma once

#include <meetgate/media.h>

#include "keyframe_requester.hpp"
#include "packet_sink.hpp"

namespace meetgate::media {

class PeerConnectionRegistry;

class PeerConnectionLink final : public rtp::PacketSink, public rtp::KeyframeRequester {
 public:
  PeerConnectionLink(PeerConnectionRegistry &registry, mg_pc_id pc)
      : registry_(registry), pc_(pc) {}

  void send_rtp(std::span<const uint8_t> packet) override;
  void send_rtcp(std::span<const uint8_t> packet) override;
  void request_keyframe(uint32_t media_ssrc) override;

 private:
  PeerConnectionRegistry &registry_;
  const mg_pc_id pc_;
};

}  // namespace meetgate::media
