// Maps the sequence numbers and timestamps of whatever source currently
// feeds a consumer onto one continuous output stream. Within a run (one
// source, no interruption) it applies fixed offsets, so reordering and
// gaps of the source survive and can be NACKed. A new run (another SSRC:
// simulcast switch or a producer restart; or resync() after a pause or
// keyframe gate) continues at the last output sequence + 1 and advances the
// timestamp by the wall-clock time since the last packet, so the receiver
// sees neither a sequence jump nor a timestamp jump.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace meetgate::media::rtp {

class RtpStreamRewriter {
 public:
  explicit RtpStreamRewriter(uint32_t clock_rate) : clock_rate_(clock_rate) {}

  // The next packet starts a new run.
  void resync() { needs_sync_ = true; }
  // False: drop the packet (it belongs before the start of the current run).
  bool rewrite(uint32_t source_ssrc, uint16_t sequence, uint32_t timestamp, uint64_t arrival_us,
               uint16_t &out_sequence, uint32_t &out_timestamp);
  // The packet `sequence` of the current run is left out on purpose (a
  // temporal layer above the consumer's choice): later output numbers close
  // up so the receiver sees no gap, and reordered older packets keep their
  // numbers. False if it cannot be hidden (already older than the newest
  // numbered packet: the receiver will see a gap).
  bool skip(uint32_t source_ssrc, uint16_t sequence);

  bool has_output() const { return has_output_; }
  uint16_t highest_sequence() const { return highest_out_sequence_; }
  uint32_t highest_timestamp() const { return highest_out_timestamp_; }
  uint64_t highest_arrival_us() const { return highest_out_arrival_us_; }
  // The output RTP timestamp that corresponds to `now_us` (for SRs).
  uint32_t timestamp_at(uint64_t now_us) const;

 private:
  void start_run(uint32_t source_ssrc, uint16_t sequence, uint32_t timestamp, uint64_t arrival_us);
  uint16_t skips_after(uint16_t sequence) const;

  static constexpr size_t kRememberedSkips = 64;

  uint32_t clock_rate_;
  bool has_output_ = false;
  bool needs_sync_ = true;
  uint32_t source_ssrc_ = 0;
  uint16_t run_first_sequence_ = 0;
  uint16_t highest_in_sequence_ = 0;
  uint16_t sequence_offset_ = 0;
  uint32_t timestamp_offset_ = 0;
  uint16_t highest_out_sequence_ = 0;
  uint32_t highest_out_timestamp_ = 0;
  uint64_t highest_out_arrival_us_ = 0;
  std::array<uint16_t, kRememberedSkips> skipped_{};  // ring of skipped input numbers
  size_t skipped_count_ = 0;                          // in this run, capped by the ring
  size_t skipped_next_ = 0;
};

}  // namespace meetgate::media::rtp
