// A bounded queue of outgoing text messages for one connection. Each entry
// keeps LWS_PRE bytes of headroom in front of the text, as lws_write needs.
// Not thread-safe by itself: the connection guards it.
#pragma once

#include <deque>
#include <optional>
#include <string>

namespace meetgate::transport {

class SendQueue {
 public:
  SendQueue(size_t max_messages, size_t headroom)
      : max_messages_(max_messages), headroom_(headroom) {}

  // Appends a message; false (and nothing queued) when the queue is full.
  bool push(const std::string &text);
  // The next entry: `headroom()` bytes of room, then the text.
  std::optional<std::string> pop();
  bool empty() const { return messages_.empty(); }
  size_t size() const { return messages_.size(); }
  size_t headroom() const { return headroom_; }
  void clear() { messages_.clear(); }

 private:
  std::string framed(const std::string &text) const;

  size_t max_messages_;
  size_t headroom_;
  std::deque<std::string> messages_;
};

}  // namespace meetgate::transport
