// HTTP Range requests for downloads (RFC 9110 section 14): one range of
// bytes, "bytes=first-last", "bytes=first-" or "bytes=-suffix". Several
// ranges (multipart/byteranges) are not served: the whole file is sent, as
// RFC 9110 allows a server to ignore Range.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace meetgate::recorder {

struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;
  bool partial = false;  // true: answer 206 with Content-Range

  // "bytes 0-99/1234"
  std::string content_range(uint64_t size) const;
};

enum class RangeResult { kOk, kUnsatisfiable };

// `header` is the Range header's value, or nullopt when absent. On kOk,
// `range` is what to send (the whole file when there is no usable Range).
// kUnsatisfiable means 416 with "Content-Range: bytes */size".
RangeResult parse_byte_range(const std::optional<std::string> &header, uint64_t size,
                             ByteRange &range);

}  // namespace meetgate::recorder
