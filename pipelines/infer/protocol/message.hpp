// One JSON frame of the inference protocol (PROTOCOL.md): parsing with
// validation, and builders for every message kind. The optional binary
// payload travels as the next ZeroMQ frame and is not part of this type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "error_code.hpp"
#include "json_ptr.hpp"

namespace meetgate::infer {

// Actions the gateway sends to a unit.
inline constexpr std::string_view kActionSetup = "setup";
inline constexpr std::string_view kActionInference = "inference";
inline constexpr std::string_view kActionExit = "exit";
// Liveness, both directions.
inline constexpr std::string_view kActionHello = "hello";
inline constexpr std::string_view kActionHeartbeat = "heartbeat";
inline constexpr std::string_view kActionBye = "bye";

struct Message {
  JsonPtr root;  // the whole object, for unit-level fields (unit_id, models, ...)
  std::string request_id;
  std::string work_id;
  std::string action;
  std::string object;
  std::optional<ErrorCode> error_code;
  std::string error_message;

  // Borrowed "data" member; nullptr when absent.
  json_t *data() const { return json_object_get(root.get(), "data"); }
  // A reply ends its request unless it is a delta with "finish": false.
  bool is_final_reply() const;
};

struct ParseOutcome {
  std::optional<Message> message;  // set on success
  ErrorCode error = ErrorCode::kMalformedJson;
  std::string error_message;
  std::string request_id;  // echoed in the error reply when it could be read
};

// Validates field types: request_id/work_id/action/object must be strings when
// present; "error" must be {code:int, message:string}.
ParseOutcome parse_message(std::string_view text);

std::string build_request(const std::string &request_id, const std::string &work_id,
                          std::string_view action, const std::string &object, const json_t *data);
std::string build_reply(const std::string &request_id, const std::string &work_id,
                        const std::string &object, const json_t *data);
std::string build_delta(const std::string &request_id, const std::string &work_id,
                        const std::string &object, const json_t *delta, int index, bool finish);
std::string build_error(const std::string &request_id, const std::string &work_id, ErrorCode code,
                        const std::string &message);
std::string build_hello(const std::string &unit_id, const json_t *models, int capacity);
std::string build_heartbeat(const std::string &unit_id, const json_t *load);
std::string build_bye(const std::string &unit_id);

}  // namespace meetgate::infer
