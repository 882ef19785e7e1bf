// The requests the core has not answered yet, keyed by the responder pointer
// the core holds. A responder is looked up here before anything is done with
// it, so an answer for an unknown or already-answered responder is refused
// instead of touching freed memory.
#pragma once

#include <meetgate/common.h>

#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "pending_request.hpp"

namespace meetgate::transport {

class ResponderRegistry {
 public:
  static mg_http_responder *responder_of(PendingRequest *pending) {
    return reinterpret_cast<mg_http_responder *>(pending);
  }

  // Registers a request; false once close() was called (shutting down).
  bool add(const std::shared_ptr<PendingRequest> &pending);
  // Removes and returns the request for `responder`, or nullptr.
  std::shared_ptr<PendingRequest> take(const mg_http_responder *responder);
  // Refuses further adds and returns every request still waiting.
  std::vector<std::shared_ptr<PendingRequest>> close();
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  bool closed_ = false;
  std::unordered_map<const void *, std::shared_ptr<PendingRequest>> waiting_;
};

}  // namespace meetgate::transport
