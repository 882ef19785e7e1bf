#include "send_queue.hpp"

namespace meetgate::transport {

std::string SendQueue::framed(const std::string &text) const {
  std::string entry(headroom_, '\0');
  entry += text;
  return entry;
}

bool SendQueue::push(const std::string &text) {
  if (messages_.size() >= max_messages_) return false;
  messages_.push_back(framed(text));
  return true;
}

std::optional<std::string> SendQueue::pop() {
  if (messages_.empty()) return std::nullopt;
  std::string entry = std::move(messages_.front());
  messages_.pop_front();
  return entry;
}

}  // namespace meetgate::transport
