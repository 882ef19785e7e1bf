#include "pending_request.hpp"

namespace meetgate::transport {

PendingRequest::PendingRequest(MHD_Connection *connection, std::string request_id,
                               HeaderList cors_headers)
    : connection_(connection),
      request_id_(std::move(request_id)),
      cors_headers_(std::move(cors_headers)) {}

bool PendingRequest::deliver(ReadyResponse answer) {
  std::lock_guard lock(mutex_);
  if (connection_ == nullptr || answered_) return false;
  answered_ = true;
  answer_ = std::move(answer);
  if (suspended_) {
    suspended_ = false;
    MHD_resume_connection(connection_);
  }
  return true;
}

ReadyResponse PendingRequest::take_or_suspend() {
  std::lock_guard lock(mutex_);
  if (answered_) return std::move(answer_);
  suspended_ = true;
  MHD_suspend_connection(connection_);
  return {};
}

ReadyResponse PendingRequest::take() {
  std::lock_guard lock(mutex_);
  return std::move(answer_);
}

void PendingRequest::detach() {
  std::lock_guard lock(mutex_);
  connection_ = nullptr;
  answer_ = {};
}

}  // namespace meetgate::transport
