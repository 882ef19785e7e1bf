#include "message_assembler.hpp"

namespace meetgate::transport {

MessageAssembler::Result MessageAssembler::feed(const char *data, size_t size, bool first,
                                                bool last, bool binary) {
  if (first) {
    buffer_.clear();
    too_large_ = false;
    binary_ = binary;
  }
  if (!too_large_ && !binary_) {
    if (buffer_.size() + size > max_message_) {
      too_large_ = true;
      buffer_ = std::string();  // release it at once
      // Reported on the piece that crossed the limit, not at the end: the
      // connection is closed without reading the rest.
      return Result::kTooLarge;
    }
    buffer_.append(data, size);
  }
  if (!last) return Result::kNeedMore;
  if (binary_) {
    binary_ = false;
    return Result::kBinary;
  }
  if (too_large_) {
    too_large_ = false;
    return Result::kNeedMore;  // already reported
  }
  return Result::kComplete;
}

std::string MessageAssembler::take() {
  std::string message = std::move(buffer_);
  buffer_.clear();
  return message;
}

}  // namespace meetgate::transport
