// Reassembles one WebSocket message from the pieces libwebsockets delivers
// (fragments of a message, and parts of one large frame), refusing to hold
// more than `max_message` bytes.
#pragma once

#include <string>

namespace meetgate::transport {

class MessageAssembler {
 public:
  enum class Result {
    kNeedMore,  // keep feeding
    kComplete,  // take() the message
    kTooLarge,  // the message outgrew the limit; the rest of it is ignored
    kBinary,    // a binary message ended (not supported; its bytes are dropped)
  };

  explicit MessageAssembler(size_t max_message) : max_message_(max_message) {}

  // One piece. `first`: it starts a message; `last`: it ends it (the final
  // fragment with nothing left of its frame); `binary`: a binary message.
  Result feed(const char *data, size_t size, bool first, bool last, bool binary);
  // The completed text message (moves it out).
  std::string take();
  size_t buffered() const { return buffer_.size(); }

 private:
  size_t max_message_;
  std::string buffer_;
  bool too_large_ = false;  // dropping the rest of an oversized message
  bool binary_ = false;     // dropping the rest of a binary message
};

}  // namespace meetgate::transport
