#include "ws_connection.hpp"

namespace meetgate::transport {

WsConnection::WsConnection(lws *wsi, size_t queue_max, size_t max_message, std::string request_id)
    : queue_(queue_max, LWS_PRE),
      wsi_(wsi),
      assembler_(max_message),
      request_id_(std::move(request_id)) {}

WsConnection::Enqueued WsConnection::enqueue(const std::string &text) {
  std::lock_guard lock(mutex_);
  if (closing_) return Enqueued::kClosed;
  if (!queue_.push(text)) {
    closing_ = true;
    close_after_flush_ = false;
    close_status_ = LWS_CLOSE_STATUS_POLICY_VIOLATION;
    close_reason_ = "send queue full";
    queue_.clear();
    return Enqueued::kFull;
  }
  return Enqueued::kQueued;
}

void WsConnection::request_close(int status, const std::string &reason, bool after_flush) {
  std::lock_guard lock(mutex_);
  if (closing_) return;
  closing_ = true;
  close_after_flush_ = after_flush;
  close_status_ = status;
  close_reason_ = reason;
  if (!after_flush) queue_.clear();
}

bool WsConnection::close_requested() const {
  std::lock_guard lock(mutex_);
  return closing_;
}

size_t WsConnection::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

WsConnection::NextStep WsConnection::next_step() {
  std::lock_guard lock(mutex_);
  NextStep step;
  if (closing_ && (!close_after_flush_ || queue_.empty())) {
    step.kind = NextStep::Kind::kClose;
    step.close_status = close_status_;
    step.close_reason = close_reason_;
    return step;
  }
  if (auto entry = queue_.pop()) {
    step.kind = NextStep::Kind::kWrite;
    step.entry = std::move(*entry);
    step.more = !queue_.empty() || closing_;
  }
  return step;
}

}  // namespace meetgate::transport
