// Plain stats structs returned by Router::producer_stats/consumer_stats, in
// the units the ABI's producer_stats/consumer_stats JSON uses.
#pragma once

#include <cstdint>

namespace meetgate::media::rtp {

struct StreamStats {
  uint64_t packets = 0;      // forwarded (consumer) or received (producer)
  uint64_t bytes = 0;        // RTP bytes, headers included
  uint64_t bitrate_bps = 0;  // over the last second
  int64_t packets_lost = 0;  // cumulative (RFC 3550), may go negative on duplicates
  double fraction_lost = 0;  // 0..1, last report interval
  uint64_t nacks = 0;        // NACKed sequence numbers: sent (producer) / received (consumer)
  uint64_t plis = 0;         // PLIs+FIRs: requested upstream (producer) / received (consumer)
  double rtt_ms = 0;         // from the last report block (0 = unknown)
  double jitter_ms = 0;      // RFC 3550 interarrival jitter
};

struct ProducerStats : StreamStats {
  uint64_t keyframes = 0;          // keyframes seen
  uint64_t packets_discarded = 0;  // invalid, unknown SSRC or payload type
  uint64_t packets_repaired = 0;   // gaps filled by a retransmission
  int audio_level_dbov = -127;     // smoothed, audio only
  uint32_t active_layers = 0;      // simulcast layers that sent in the last second
  bool paused = false;
};

struct ConsumerStats : StreamStats {
  uint64_t packets_retransmitted = 0;  // answered NACKs
  uint64_t packets_dropped = 0;        // paused, waiting for a keyframe, other layer
  uint64_t available_bitrate_bps = 0;  // from the receiver's REMB (0 = none)
  int current_spatial_layer = -1;      // -1 = none yet
  int current_temporal_layer = 7;      // highest temporal layer forwarded (VP8/VP9)
  bool paused = false;
  bool waiting_for_keyframe = false;
};

}  // namespace meetgate::media::rtp
