#include "retransmission_buffer.hpp"

#include <bit>

namespace meetgate::media::rtp {

RetransmissionBuffer::RetransmissionBuffer(size_t slots) {
  if (slots == 0) return;
  const size_t count = std::bit_ceil(slots);
  slots_.resize(count);
  // Not zeroed: pages become resident as the ring fills.
  storage_ = std::make_unique_for_overwrite<uint8_t[]>(count * kSlotSize);
  mask_ = count - 1;
}

std::span<uint8_t> RetransmissionBuffer::slot_for(uint16_t sequence) {
  if (slots_.empty()) return {};
  const size_t index = sequence & mask_;
  slots_[index].size = 0;  // being overwritten
  return {storage_.get() + index * kSlotSize, kSlotSize};
}

void RetransmissionBuffer::commit(uint16_t sequence, size_t size, uint64_t now_us) {
  if (slots_.empty() || size == 0 || size > kSlotSize) return;
  Slot &slot = slots_[sequence & mask_];
  slot.sequence = sequence;
  slot.size = static_cast<uint16_t>(size);
  slot.stored_us = now_us;
  slot.resent_us = 0;
}

std::span<const uint8_t> RetransmissionBuffer::take_for_resend(uint16_t sequence, uint64_t now_us,
                                                               uint64_t max_age_us,
                                                               uint64_t min_resend_interval_us) {
  if (slots_.empty()) return {};
  const size_t index = sequence & mask_;
  Slot &slot = slots_[index];
  if (slot.size == 0 || slot.sequence != sequence) return {};
  if (now_us > slot.stored_us && now_us - slot.stored_us > max_age_us) return {};
  if (slot.resent_us != 0 && now_us - slot.resent_us < min_resend_interval_us) return {};
  slot.resent_us = now_us == 0 ? 1 : now_us;
  return {storage_.get() + index * kSlotSize, slot.size};
}

void RetransmissionBuffer::clear() {
  for (Slot &slot : slots_) slot.size = 0;
}

}  // namespace meetgate::media::rtp
