// Where the router delivers a consumer's packets. The side that owns the
// consumer's transport implements it: the PeerConnection (SRTP-protects and
// sends), SinkConsumer (hands the packet to a plugin's mg_sink_packet_fn) or
// UdpForwarder (plain RTP to host:port).
#pragma once

#include <cstdint>
#include <span>

namespace meetgate::media::rtp {

class PacketSink {
 public:
  virtual ~PacketSink() = default;

  // A rewritten plain RTP packet (the consumer's SSRC, sequence numbers,
  // timestamps, payload type and header extension ids). Called on the
  // producer's media worker thread, or on the thread that handed the router
  // a NACK (retransmissions). `packet` is a router-owned buffer valid only
  // during the call: copy it (SRTP needs its own buffer with room for the
  // auth tag anyway). Must not block and must not call back into the Router.
  virtual void send_rtp(std::span<const uint8_t> packet) = 0;

  // A plain RTCP compound packet for the consumer's receiver (sender
  // reports), same rules as send_rtp. Called from Router::tick.
  virtual void send_rtcp(std::span<const uint8_t> packet) = 0;

  // The consumer is closed (removed, or its producer went away). Called once;
  // after it returns the router never calls this sink again.
  virtual void on_closed() {}
};

}  // namespace meetgate::media::rtp
