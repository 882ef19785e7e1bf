#include "transport_cc_feedback_parser.hpp"

#include <algorithm>

#include "byte_io.hpp"

namespace meetgate::media::rtp {
namespace {
constexpr int64_t kDeltaUnitUs = 250;
constexpr int64_t kReferenceUnitUs = 64'000;

// Expands one status chunk into symbols; returns how many it holds.
size_t expand_chunk(uint16_t chunk, size_t remaining, std::span<TransportCcPacketStatus> out,
                    size_t at, bool &ok) {
  const auto put = [&](size_t index, uint8_t symbol) {
    if (symbol == 3) ok = false;  // reserved
    out[at + index].received = symbol != 0;
    // Remember the width of the delta in arrival_us for the second pass.
    out[at + index].arrival_us = symbol;
  };
  size_t n = 0;
  if ((chunk & 0x8000) == 0) {  // run length
    const uint8_t symbol = (chunk >> 13) & 0x03;
    n = std::min<size_t>(chunk & 0x1FFF, remaining);
    for (size_t i = 0; i < n; ++i) put(i, symbol);
  } else if ((chunk & 0x4000) == 0) {  // 14 one-bit symbols
    n = std::min<size_t>(14, remaining);
    for (size_t i = 0; i < n; ++i) put(i, (chunk >> (13 - i)) & 0x01);
  } else {  // 7 two-bit symbols
    n = std::min<size_t>(7, remaining);
    for (size_t i = 0; i < n; ++i) put(i, (chunk >> (12 - 2 * i)) & 0x03);
  }
  return n;
}
}  // namespace

bool TransportCcFeedbackParser::parse(std::span<const uint8_t> fci, TransportCcHeader &header,
                                      std::span<TransportCcPacketStatus> out) {
  if (fci.size() < 8) return false;
  header.base_sequence = byte_io::read16(&fci[0]);
  header.status_count = byte_io::read16(&fci[2]);
  const uint32_t reference = byte_io::read24(&fci[4]);
  header.reference_time = (reference & 0x800000) ? static_cast<int32_t>(reference | 0xFF000000u)
                                                 : static_cast<int32_t>(reference);
  header.feedback_count = fci[7];
  const size_t count = header.status_count;
  if (count > out.size()) return false;
  size_t offset = 8;
  size_t filled = 0;
  bool ok = true;
  while (filled < count) {
    if (offset + 2 > fci.size()) return false;
    const size_t n = expand_chunk(byte_io::read16(&fci[offset]), count - filled, out, filled, ok);
    if (!ok || n == 0) return false;
    offset += 2;
    filled += n;
  }
  int64_t arrival = static_cast<int64_t>(header.reference_time) * kReferenceUnitUs;
  for (size_t i = 0; i < count; ++i) {
    out[i].sequence = static_cast<uint16_t>(header.base_sequence + i);
    const int64_t width = out[i].arrival_us;
    out[i].arrival_us = 0;
    if (width == 1) {
      if (offset + 1 > fci.size()) return false;
      arrival += fci[offset] * kDeltaUnitUs;
      offset += 1;
    } else if (width == 2) {
      if (offset + 2 > fci.size()) return false;
      arrival += static_cast<int16_t>(byte_io::read16(&fci[offset])) * kDeltaUnitUs;
      offset += 2;
    }
    if (width != 0) out[i].arrival_us = arrival;
  }
  return true;
}

}  // namespace meetgate::media::rtp
