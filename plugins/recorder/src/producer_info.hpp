// A producer the videoroom announced on the bus ("videoroom.producer_added"):
// what the recorder needs to consume it and ask its publisher for keyframes.
#pragma once

#include <meetgate/media.h>

#include <cstdint>
#include <string>

namespace meetgate::recorder {

struct ProducerInfo {
  mg_producer_id producer_id = 0;
  std::string meeting_id;
  int64_t user_id = 0;
  std::string kind;    // "audio" | "video"
  std::string codec;   // informative; the sink's mg_sink_info is authoritative
  mg_pc_id pc_id = 0;  // the publisher's PeerConnection (0 = unknown)
  std::string mid;     // its incoming m-line ("" = unknown)
};

}  // namespace meetgate::recorder
