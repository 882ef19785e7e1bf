#include "peer_connection_link.hpp"

#include <cstdio>
#include <vector>

#include "peer_connection.hpp"
#include "peer_connection_registry.hpp"

namespace meetgate::media {

void PeerConnectionLink::send_rtp(std::span<const uint8_t> packet) {
  registry_.post_packet(pc_, packet, false);
}

void PeerConnectionLink::send_rtcp(std::span<const uint8_t> packet) {
  registry_.post_packet(pc_, packet, true);
}

void PeerConnectionLink::request_keyframe(uint32_t media_ssrc) {
  registry_.post(pc_,
                 [media_ssrc](PeerConnection &connection) { connection.send_pli(media_ssrc); });
}

}  // namespace meetgate::media
