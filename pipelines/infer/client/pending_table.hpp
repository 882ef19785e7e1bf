// Requests sent (or about to be sent) to units and not yet finished, with what
// is needed to re-send them and the deadline after which they fail.
// Not thread-safe: InferClient guards it with its mutex.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client_types.hpp"

namespace meetgate::infer {

struct PendingRequest {
  enum class Kind { kOneShot, kSetup, kSessionInference, kExit };
  using Clock = std::chrono::steady_clock;

  std::string request_id;
  Kind kind = Kind::kOneShot;
  std::string unit_id;     // where it was sent; empty while its session is being set up
  std::string session_id;  // for kSetup, kSessionInference, kExit
  std::string object;      // model name
  std::string work_id;     // set when sent on a ready session
  JsonPtr data;
  std::shared_ptr<const std::string> payload;  // binary frame; null when none
  InferCallback callback;
  Clock::time_point deadline;
  int resends = 0;
};

class PendingTable {
 public:
  using Clock = PendingRequest::Clock;

  void insert(PendingRequest request);
  PendingRequest *find(const std::string &request_id);
  std::optional<PendingRequest> take(const std::string &request_id);
  std::vector<PendingRequest> take_expired(Clock::time_point now);
  std::vector<PendingRequest> take_for_unit(const std::string &unit_id);
  std::vector<PendingRequest> take_all();
  std::size_t size() const { return requests_.size(); }

 private:
  std::map<std::string, PendingRequest> requests_;
};

}  // namespace meetgate::infer
