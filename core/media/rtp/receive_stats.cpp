#include "receive_stats.hpp"

#include <algorithm>

namespace meetgate::media::rtp {

void ReceiveStats::init_sequence(uint16_t sequence) {
  base_sequence_ = sequence;
  max_sequence_ = sequence;
  bad_sequence_ = 0x10001;
  cycles_ = 0;
  received_ = 0;
  expected_prior_ = 0;
  received_prior_ = 0;
}

bool ReceiveStats::on_packet(uint16_t sequence, uint32_t rtp_timestamp, uint64_t arrival_us,
                             size_t bytes) {
  ++packets_;
  bytes_ += bytes;
  last_arrival_us_ = arrival_us;
  if (!started_) {
    started_ = true;
    init_sequence(sequence);
    received_ = 1;
    update_jitter(rtp_timestamp, arrival_us);
    return true;
  }
  const auto delta = static_cast<uint16_t>(sequence - max_sequence_);
  if (delta < kMaxDropout) {
    if (sequence < max_sequence_) cycles_ += 0x10000;  // wrapped
    max_sequence_ = sequence;
    update_jitter(rtp_timestamp, arrival_us);
  } else if (delta <= 0xFFFF - kMaxMisorder) {
    // A large jump: accept it as a restart only if the next packet follows it.
    if (sequence == bad_sequence_) {
      init_sequence(sequence);
      has_transit_ = false;
    } else {
      bad_sequence_ = (sequence + 1u) & 0xFFFF;
      return false;
    }
  }
  // else: a duplicate or reordered packet, counted but no jitter sample.
  ++received_;
  return true;
}

void ReceiveStats::update_jitter(uint32_t rtp_timestamp, uint64_t arrival_us) {
  if (clock_rate_ == 0) return;
  const auto arrival_rtp = static_cast<uint32_t>(arrival_us * clock_rate_ / 1'000'000);
  const auto transit = static_cast<int64_t>(static_cast<int32_t>(arrival_rtp - rtp_timestamp));
  if (has_transit_) {
    int64_t d = transit - last_transit_;
    if (d < 0) d = -d;
    // J += (|D| - J) / 16, kept scaled by 16 (RFC 3550 A.8).
    const int64_t next = static_cast<int64_t>(jitter_q4_) + d - ((jitter_q4_ + 8) >> 4);
    jitter_q4_ = next < 0 ? 0 : static_cast<uint32_t>(next > 0xFFFFFFFF ? 0xFFFFFFFF : next);
  }
  last_transit_ = transit;
  has_transit_ = true;
}

int64_t ReceiveStats::cumulative_lost() const {
  if (!started_) return 0;
  const int64_t expected = static_cast<int64_t>(extended_highest_sequence()) - base_sequence_ + 1;
  return expected - static_cast<int64_t>(received_);
}

double ReceiveStats::jitter_ms() const {
  return clock_rate_ ? jitter() * 1000.0 / clock_rate_ : 0.0;
}

void ReceiveStats::on_sender_report(uint64_t ntp_timestamp, uint64_t now_us) {
  last_sr_compact_ = compact_ntp(ntp_timestamp);
  last_sr_arrival_us_ = now_us;
}

ReportBlock ReceiveStats::make_report_block(uint32_t ssrc, uint64_t now_us) {
  ReportBlock block;
  block.ssrc = ssrc;
  if (!started_) return block;
  const auto expected =
      static_cast<uint64_t>(static_cast<int64_t>(extended_highest_sequence()) - base_sequence_ + 1);
  const uint64_t expected_interval = expected - expected_prior_;
  const uint64_t received_interval = received_ - received_prior_;
  expected_prior_ = expected;
  received_prior_ = received_;
  const int64_t lost_interval =
      static_cast<int64_t>(expected_interval) - static_cast<int64_t>(received_interval);
  last_fraction_lost_ =
      (expected_interval == 0 || lost_interval <= 0)
          ? 0
          : static_cast<uint8_t>(std::min<int64_t>(
                255, (lost_interval << 8) / static_cast<int64_t>(expected_interval)));
  block.fraction_lost = last_fraction_lost_;
  const int64_t lost = cumulative_lost();
  block.cumulative_lost = static_cast<int32_t>(lost > 0x7FFFFF    ? 0x7FFFFF
                                               : lost < -0x800000 ? -0x800000
                                                                  : lost);
  block.extended_highest_sequence = extended_highest_sequence();
  block.jitter = jitter();
  if (last_sr_arrival_us_ != 0) {
    block.last_sr = last_sr_compact_;
    block.delay_since_last_sr =
        static_cast<uint32_t>((now_us - last_sr_arrival_us_) * 65536 / 1'000'000);
  }
  return block;
}

void ReceiveStats::reset() {
  *this = ReceiveStats(clock_rate_);
}

}  // namespace meetgate::media::rtp
