// Tracks the sequence-number gaps of one incoming stream and decides which
// missing packets to NACK (RFC 4585 generic NACK), how often, and when to
// give up (max retries) or ask for a keyframe instead (too many missing).
// The list is preallocated: on_packet and collect never allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace meetgate::media::rtp {

class NackGenerator {
 public:
  NackGenerator(size_t capacity, uint32_t max_retries);

  enum class Result { kInOrder, kRecovered, kGap, kOverflow };
  // kRecovered: filled a gap (a retransmission or late packet); kOverflow:
  // more packets are missing than the list holds, it was cleared: request
  // a keyframe rather than NACKs.
  Result on_packet(uint16_t sequence);
  // Writes the sequence numbers to NACK now (each at most every
  // `retry_interval_us`) into `out`; returns how many. Entries that reached
  // the retry limit are dropped.
  size_t collect(uint64_t now_us, uint64_t retry_interval_us, std::span<uint16_t> out);
  size_t pending() const { return entries_.size(); }
  uint64_t nacked() const { return nacked_; }
  uint64_t recovered() const { return recovered_; }
  void reset();

 private:
  struct Entry {
    uint16_t sequence;
    uint32_t retries;
    uint64_t last_sent_us;
  };
  std::vector<Entry> entries_;  // capacity reserved once; never grows past it
  size_t capacity_;
  uint32_t max_retries_;
  bool started_ = false;
  uint16_t highest_ = 0;
  uint64_t nacked_ = 0;
  uint64_t recovered_ = 0;
};

}  // namespace meetgate::media::rtp
