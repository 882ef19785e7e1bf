// Decodes the FCI of a transport-cc feedback (status chunks, then receive
// deltas) with every length checked. Never allocates.
#pragma once

#include <cstddef>
#include <span>

#include "transport_cc_types.hpp"

namespace meetgate::media::rtp {

class TransportCcFeedbackParser {
 public:
  // Fills `header` and the first header.status_count entries of `out`.
  // False if the FCI is malformed or has more statuses than `out` holds.
  static bool parse(std::span<const uint8_t> fci, TransportCcHeader &header,
                    std::span<TransportCcPacketStatus> out);
};

}  // namespace meetgate::media::rtp
