// Receive-side statistics of one incoming RTP stream (one SSRC), after
// RFC 3550 appendix A.1 (sequence validation and the extended highest
// sequence number), A.3 (loss) and A.8 (interarrival jitter). Produces the
// report block of our RR and the loss/jitter figures of the stats.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rtcp_types.hpp"

namespace meetgate::media::rtp {

class ReceiveStats {
 public:
  explicit ReceiveStats(uint32_t clock_rate) : clock_rate_(clock_rate) {}

  // Returns false for a packet RFC 3550 A.1 rejects (a big jump not yet
  // confirmed by a following packet); it still counts as received bytes.
  bool on_packet(uint16_t sequence, uint32_t rtp_timestamp, uint64_t arrival_us, size_t bytes);
  // The sender's SR: remembered for LSR/DLSR.
  void on_sender_report(uint64_t ntp_timestamp, uint64_t now_us);
  // The report block about `ssrc` for an RR at `now_us`; starts a new
  // fraction-lost interval.
  ReportBlock make_report_block(uint32_t ssrc, uint64_t now_us);
  void reset();

  bool started() const { return started_; }
  uint32_t extended_highest_sequence() const { return cycles_ + max_sequence_; }
  int64_t cumulative_lost() const;
  uint32_t jitter() const { return jitter_q4_ >> 4; }  // RTP timestamp units
  double jitter_ms() const;
  uint8_t last_fraction_lost() const { return last_fraction_lost_; }
  uint64_t packets() const { return packets_; }
  uint64_t bytes() const { return bytes_; }
  uint64_t last_arrival_us() const { return last_arrival_us_; }

 private:
  void init_sequence(uint16_t sequence);
  void update_jitter(uint32_t rtp_timestamp, uint64_t arrival_us);

  static constexpr uint16_t kMaxDropout = 3000;
  static constexpr uint16_t kMaxMisorder = 100;

  uint32_t clock_rate_;
  bool started_ = false;
  uint16_t max_sequence_ = 0;
  uint32_t cycles_ = 0;  // count of sequence wraps, shifted by 16
  uint32_t base_sequence_ = 0;
  uint32_t bad_sequence_ = 0x10001;  // impossible value: no pending jump
  uint64_t received_ = 0;            // valid packets, for the loss figures
  uint64_t expected_prior_ = 0;
  uint64_t received_prior_ = 0;
  uint8_t last_fraction_lost_ = 0;
  int64_t last_transit_ = 0;
  bool has_transit_ = false;
  uint32_t jitter_q4_ = 0;  // jitter * 16, RFC 3550 A.8
  uint64_t packets_ = 0;
  uint64_t bytes_ = 0;
  uint64_t last_arrival_us_ = 0;
  uint32_t last_sr_compact_ = 0;
  uint64_t last_sr_arrival_us_ = 0;
};

}  // namespace meetgate::media::rtp
