// Builds transport-wide congestion control feedback from the arrival times
// of the packets of one transport (its transport-cc header extension
// sequence numbers). The PeerConnection owns one per transport, calls
// on_packet for each incoming RTP packet carrying the extension and build()
// every 50-100 ms (or when on_packet says the window is full), and sends the
// result as RTCP. Storage is preallocated; build() and on_packet never allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace meetgate::media::rtp {

class TransportCcFeedbackBuilder {
 public:
  static constexpr size_t kMaxPacketsPerFeedback = 1024;

  TransportCcFeedbackBuilder();

  // Record an arrival. Returns true when the window is full and build()
  // should be called now. Packets older than the last feedback are ignored.
  bool on_packet(uint16_t transport_sequence, uint64_t arrival_us);
  bool has_pending() const { return received_count_ > 0; }

  // Writes one complete RTCP transport-cc feedback packet into `out`
  // covering every packet since the last build; returns its size (0 if
  // nothing is pending or it does not fit). Clears the window.
  size_t build(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc);

 private:
  int64_t unwrap(uint16_t sequence);
  size_t compute_symbols(size_t count, int64_t reference_us);
  size_t write_chunks(uint8_t *out, size_t capacity, size_t count) const;
  size_t write_deltas(uint8_t *out, size_t capacity, size_t count) const;

  std::vector<int64_t> arrivals_;  // by (unwrapped sequence - base); -1 = not received
  std::vector<uint8_t> symbols_;   // scratch for build(): 0 lost, 1 small, 2 large delta
  std::vector<int16_t> deltas_;    // scratch for build(): 250 us ticks
  int64_t base_ = -1;              // unwrapped sequence of arrivals_[0], -1 = none yet
  int64_t highest_ = -1;
  int64_t last_unwrapped_ = -1;
  size_t received_count_ = 0;
  uint8_t feedback_count_ = 0;
};

}  // namespace meetgate::media::rtp
