#include "rtp_stream_rewriter.hpp"

namespace meetgate::media::rtp {

void RtpStreamRewriter::start_run(uint32_t source_ssrc, uint16_t sequence, uint32_t timestamp,
                                  uint64_t arrival_us) {
  uint16_t out_sequence = sequence;
  uint32_t out_timestamp = timestamp;
  if (has_output_) {
    out_sequence = static_cast<uint16_t>(highest_out_sequence_ + 1);
    // Advance by the wall-clock gap (at least one tick) so the receiver's
    // jitter buffer and A/V sync see real time pass.
    const uint64_t elapsed_us =
        arrival_us > highest_out_arrival_us_ ? arrival_us - highest_out_arrival_us_ : 0;
    uint64_t ticks = elapsed_us * clock_rate_ / 1'000'000;
    if (ticks == 0) ticks = 1;
    out_timestamp = highest_out_timestamp_ + static_cast<uint32_t>(ticks);
  }
  sequence_offset_ = static_cast<uint16_t>(out_sequence - sequence);
  timestamp_offset_ = out_timestamp - timestamp;
  source_ssrc_ = source_ssrc;
  run_first_sequence_ = sequence;
  highest_in_sequence_ = sequence;
  highest_out_sequence_ = out_sequence;
  highest_out_timestamp_ = out_timestamp;
  highest_out_arrival_us_ = arrival_us;
  has_output_ = true;
  needs_sync_ = false;
  skipped_count_ = 0;
  skipped_next_ = 0;
}

bool RtpStreamRewriter::skip(uint32_t source_ssrc, uint16_t sequence) {
  // Before a run starts nothing is numbered: the next run continues anyway.
  if (needs_sync_ || source_ssrc != source_ssrc_) return true;
  if (static_cast<int16_t>(sequence - highest_in_sequence_) <= 0) return false;
  highest_in_sequence_ = sequence;
  --sequence_offset_;
  skipped_[skipped_next_] = sequence;
  skipped_next_ = (skipped_next_ + 1) % kRememberedSkips;
  if (skipped_count_ < kRememberedSkips) ++skipped_count_;
  return true;
}

uint16_t RtpStreamRewriter::skips_after(uint16_t sequence) const {
  uint16_t count = 0;
  for (size_t i = 0; i < skipped_count_; ++i)
    if (static_cast<int16_t>(skipped_[i] - sequence) > 0) ++count;
  return count;
}

bool RtpStreamRewriter::rewrite(uint32_t source_ssrc, uint16_t sequence, uint32_t timestamp,
                                uint64_t arrival_us, uint16_t &out_sequence,
                                uint32_t &out_timestamp) {
  if (needs_sync_ || source_ssrc != source_ssrc_) {
    start_run(source_ssrc, sequence, timestamp, arrival_us);
  } else if (static_cast<int16_t>(sequence - highest_in_sequence_) < 0 &&
             static_cast<uint16_t>(highest_in_sequence_ - sequence) >
                 static_cast<uint16_t>(highest_in_sequence_ - run_first_sequence_)) {
    // Further behind the newest packet than the run is long: it predates
    // the run, and its output number may belong to the previous source.
    return false;
  } else if (static_cast<int16_t>(sequence - highest_in_sequence_) > 0) {
    highest_in_sequence_ = sequence;
    highest_out_sequence_ = static_cast<uint16_t>(sequence + sequence_offset_);
    highest_out_timestamp_ = timestamp + timestamp_offset_;
    highest_out_arrival_us_ = arrival_us;
  }
  out_sequence = static_cast<uint16_t>(sequence + sequence_offset_);
  // A reordered packet keeps the number it had before later skips closed up.
  if (skipped_count_ && static_cast<int16_t>(sequence - highest_in_sequence_) < 0)
    out_sequence = static_cast<uint16_t>(out_sequence + skips_after(sequence));
  out_timestamp = timestamp + timestamp_offset_;
  return true;
}

uint32_t RtpStreamRewriter::timestamp_at(uint64_t now_us) const {
  const uint64_t elapsed_us =
      now_us > highest_out_arrival_us_ ? now_us - highest_out_arrival_us_ : 0;
  return highest_out_timestamp_ + static_cast<uint32_t>(elapsed_us * clock_rate_ / 1'000'000);
}

}  // namespace meetgate::media::rtp
