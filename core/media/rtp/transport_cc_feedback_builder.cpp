#include "transport_cc_feedback_builder.hpp"

#include <algorithm>

#include "byte_io.hpp"
#include "rtcp_types.hpp"

namespace meetgate::media::rtp {
namespace {
constexpr int64_t kDeltaUnitUs = 250;
constexpr int64_t kReferenceUnitUs = 64'000;
constexpr size_t kRunLengthMinimum = 7;  // shorter runs go into status vectors
}  // namespace

TransportCcFeedbackBuilder::TransportCcFeedbackBuilder()
    : arrivals_(kMaxPacketsPerFeedback, -1),
      symbols_(kMaxPacketsPerFeedback, 0),
      deltas_(kMaxPacketsPerFeedback, 0) {}

int64_t TransportCcFeedbackBuilder::unwrap(uint16_t sequence) {
  if (last_unwrapped_ < 0) return last_unwrapped_ = sequence;
  const auto last = static_cast<uint16_t>(last_unwrapped_);
  const auto forward = static_cast<int16_t>(sequence - last);
  const int64_t unwrapped = last_unwrapped_ + forward;
  if (unwrapped > last_unwrapped_) last_unwrapped_ = unwrapped;
  return unwrapped;
}

bool TransportCcFeedbackBuilder::on_packet(uint16_t transport_sequence, uint64_t arrival_us) {
  const int64_t seq = unwrap(transport_sequence);
  if (base_ < 0) base_ = seq;
  if (seq < base_) return false;  // already reported as lost, or a duplicate of a reported one
  const auto index = static_cast<size_t>(seq - base_);
  if (index >= arrivals_.size()) return true;
  if (arrivals_[index] < 0) ++received_count_;
  arrivals_[index] = static_cast<int64_t>(arrival_us);
  highest_ = std::max(highest_, seq);
  return index + 1 == arrivals_.size();
}

size_t TransportCcFeedbackBuilder::compute_symbols(size_t count, int64_t reference_us) {
  // Deltas are encoded relative to the previous received packet (the first
  // to the reference time), in what was actually encoded so rounding does
  // not accumulate; symbol 1 = one-byte delta, 2 = two-byte, 0 = lost.
  int64_t previous = reference_us;
  for (size_t i = 0; i < count; ++i) {
    if (arrivals_[i] < 0) {
      symbols_[i] = 0;
      continue;
    }
    const int64_t ticks =
        std::clamp<int64_t>((arrivals_[i] - previous) / kDeltaUnitUs, -32768, 32767);
    deltas_[i] = static_cast<int16_t>(ticks);
    symbols_[i] = ticks >= 0 && ticks <= 255 ? 1 : 2;
    previous += ticks * kDeltaUnitUs;
  }
  return count;
}

size_t TransportCcFeedbackBuilder::write_chunks(uint8_t *out, size_t capacity, size_t count) const {
  size_t written = 0;
  size_t i = 0;
  while (i < count) {
    if (written + 2 > capacity) return 0;
    size_t run = 1;
    while (i + run < count && run < 0x1FFF && symbols_[i + run] == symbols_[i]) ++run;
    uint16_t chunk = 0;
    if (run >= kRunLengthMinimum) {
      chunk = static_cast<uint16_t>(symbols_[i] << 13 | run);
      i += run;
    } else {
      chunk = 0xC000;  // two-bit status vector, 7 symbols
      for (size_t k = 0; k < 7 && i < count; ++k, ++i)
        chunk = static_cast<uint16_t>(chunk | symbols_[i] << (12 - 2 * k));
    }
    byte_io::write16(out + written, chunk);
    written += 2;
  }
  return written;
}

size_t TransportCcFeedbackBuilder::write_deltas(uint8_t *out, size_t capacity, size_t count) const {
  size_t written = 0;
  for (size_t i = 0; i < count; ++i) {
    if (symbols_[i] == 1) {
      if (written + 1 > capacity) return 0;
      out[written++] = static_cast<uint8_t>(deltas_[i]);
    } else if (symbols_[i] == 2) {
      if (written + 2 > capacity) return 0;
      byte_io::write16(out + written, static_cast<uint16_t>(deltas_[i]));
      written += 2;
    }
  }
  return written;
}

size_t TransportCcFeedbackBuilder::build(std::span<uint8_t> out, uint32_t sender_ssrc,
                                         uint32_t media_ssrc) {
  if (received_count_ == 0 || out.size() < 20) return 0;
  const auto count = static_cast<size_t>(highest_ - base_ + 1);
  int64_t first_arrival = 0;
  for (size_t i = 0; i < count; ++i) {
    if (arrivals_[i] >= 0) {
      first_arrival = arrivals_[i];
      break;
    }
  }
  const int64_t reference = first_arrival / kReferenceUnitUs;
  uint8_t *p = out.data();
  p[0] = 0x80 | rtcp_fmt::kTransportCc;
  p[1] = rtcp_type::kTransportFeedback;
  byte_io::write32(p + 4, sender_ssrc);
  byte_io::write32(p + 8, media_ssrc);
  byte_io::write16(p + 12, static_cast<uint16_t>(base_));
  byte_io::write16(p + 14, static_cast<uint16_t>(count));
  byte_io::write24(p + 16, static_cast<uint32_t>(reference) & 0xFFFFFF);
  p[19] = feedback_count_;
  compute_symbols(count, reference * kReferenceUnitUs);
  const size_t chunks = write_chunks(p + 20, out.size() - 20, count);
  if (chunks == 0) return 0;
  const size_t deltas = write_deltas(p + 20 + chunks, out.size() - 20 - chunks, count);
  if (deltas == 0) return 0;
  size_t size = 20 + chunks + deltas;
  while (size % 4 != 0) {
    if (size >= out.size()) return 0;
    p[size++] = 0;
  }
  byte_io::write16(p + 2, static_cast<uint16_t>(size / 4 - 1));
  ++feedback_count_;
  std::fill_n(arrivals_.begin(), count, -1);
  base_ = highest_ + 1;
  received_count_ = 0;
  return size;
}

}  // namespace meetgate::media::rtp
