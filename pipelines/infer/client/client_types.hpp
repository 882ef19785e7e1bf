// Value types of the gateway-side inference client's API.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "error_code.hpp"
#include "json_ptr.hpp"

namespace meetgate::infer {

struct InferClientOptions {
  std::string endpoint = "tcp://127.0.0.1:19001";  // ROUTER bind address
  std::chrono::milliseconds heartbeat_interval{1000};
  std::chrono::milliseconds unit_timeout{3000};       // silence before a unit is declared dead
  std::chrono::milliseconds default_deadline{30000};  // per request, unless given at submit
  std::size_t max_pending = 256;                      // bounded queue: beyond -> kQueueFull
  int max_resends = 1;                                // one-shot requests re-sent after a unit dies
  std::size_t max_message_bytes = 64u << 20;

  // Defaults with MEETGATE_INFER_ENDPOINT applied.
  static InferClientOptions from_environment();
};

struct InferError {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

// One reply delivered to a request's callback: a partial delta (final=false),
// then exactly one final event (a last delta, a plain reply, or an error).
struct InferEvent {
  std::string request_id;
  std::string unit_id;
  std::string work_id;
  JsonPtr data;  // the reply's "data": {delta, index, finish} for deltas; null on error
  bool final = false;
  std::optional<InferError> error;
};

// Runs on the client's socket thread: keep it short, never block on the client.
using InferCallback = std::function<void(InferEvent &&event)>;

// Outcome of a submit: accepted (id set) or refused at once (error set).
struct Submission {
  std::string id;  // request id, or session id for open_session
  std::optional<InferError> error;
  explicit operator bool() const { return !error.has_value(); }
};

}  // namespace meetgate::infer
