// HTTP requests waiting for their answer: responder -> the transport that
// asked, when, and how to label it in metrics. Answering takes the entry out,
// so a second answer to the same responder finds nothing and is ignored.
#pragma once

#include <meetgate/transport.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace meetgate::core {

struct PendingRequest {
  mg_transport *transport = nullptr;
  std::chrono::steady_clock::time_point started;
  std::string method;  // normalized (GET, POST, ..., OTHER)
  std::string route;   // the matched prefix or core path, never the raw path
  std::string request_id;
};

class PendingRequests {
 public:
  void add(mg_http_responder *responder, PendingRequest request);
  // Takes the entry out and calls `send(request)` while the transport is
  // guaranteed not to be torn down by forget_transport. False (send not
  // called) if the responder is unknown: already answered or its transport
  // is gone.
  bool answer(mg_http_responder *responder,
              const std::function<void(const PendingRequest &)> &send);
  // Drops every entry of `transport` and waits for answers in flight to it,
  // so the transport can be destroyed safely afterwards.
  void forget_transport(const mg_transport *transport);
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<mg_http_responder *, PendingRequest> pending_;
  std::shared_mutex sending_;  // shared while sending, exclusive to forget a transport
};

}  // namespace meetgate::core
