// The last N packets sent to one consumer, by sequence number, to answer
// its NACKs. All N fixed-size slots are allocated once when the consumer is
// created (a preallocated ring: slot = seq mod N); storing and finding a
// packet never allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace meetgate::media::rtp {

class RetransmissionBuffer {
 public:
  static constexpr size_t kSlotSize = 1500;  // larger packets are sent but not stored

  // `slots` is rounded up to a power of two; 0 disables the buffer.
  explicit RetransmissionBuffer(size_t slots);

  size_t slot_count() const { return slots_.size(); }
  // Where to write the packet that will carry `sequence` (kSlotSize bytes),
  // or an empty span if the buffer is disabled.
  std::span<uint8_t> slot_for(uint16_t sequence);
  // The packet written into slot_for(sequence) is complete.
  void commit(uint16_t sequence, size_t size, uint64_t now_us);
  // The stored packet, if it is still there, younger than `max_age_us` and
  // was not resent in the last `min_resend_interval_us` (marks it resent).
  std::span<const uint8_t> take_for_resend(uint16_t sequence, uint64_t now_us, uint64_t max_age_us,
                                           uint64_t min_resend_interval_us);
  void clear();

 private:
  struct Slot {
    uint16_t sequence = 0;
    uint16_t size = 0;  // 0 = empty
    uint64_t stored_us = 0;
    uint64_t resent_us = 0;
  };
  std::vector<Slot> slots_;
  std::unique_ptr<uint8_t[]> storage_;  // slots_.size() * kSlotSize
  size_t mask_ = 0;
};

}  // namespace meetgate::media::rtp
