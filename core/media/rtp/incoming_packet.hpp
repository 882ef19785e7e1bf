// What the producer hands the fan-out for one accepted packet: a parsed
// view (over the caller's buffer, or the producer's scratch when an RTX
// packet was unwrapped) and what the consumers decide on.
#pragma once

#include <cstdint>

#include "rtp_packet_view.hpp"

namespace meetgate::media::rtp {

struct IncomingPacket {
  explicit IncomingPacket(const RtpPacketView &view) : packet(view) {}
  const RtpPacketView packet;  // read-only: may view the caller's const buffer
  int layer = 0;               // simulcast layer index, 0 = lowest/only
  uint32_t active_layers = 0;  // bit i: layer i sent within the last second
  bool keyframe = false;       // starts (part of) a keyframe
  int temporal_layer = -1;     // VP8/VP9 TID, -1 = not signalled
  bool temporal_switch_point = false;
  uint64_t arrival_us = 0;
};

}  // namespace meetgate::media::rtp
