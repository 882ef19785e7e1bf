// Error codes of the inference protocol (PROTOCOL.md, "Errors"). Negative like
// the Edge-LLM-Infra unit manager's; each maps to the HTTP status the ai
// plugin answers with.
#pragma once

namespace meetgate::infer {

enum class ErrorCode : int {
  // Sent by a unit.
  kInternal = -1,         // analyzer failed unexpectedly                 -> 500
  kMalformedJson = -2,    // first frame is not a JSON object             -> 400
  kInvalidMessage = -3,   // missing/mistyped field, bad frame count      -> 400
  kUnknownAction = -4,    // action not setup/inference/exit/...          -> 400
  kUnknownModel = -5,     // setup of a model this unit did not load      -> 404
  kUnknownWorkId = -6,    // inference/exit on a work_id the unit lacks   -> 404
  kBadInput = -7,         // payload unusable (rate, empty, undecodable)  -> 400
  kModelLoadFailed = -8,  // the model could not be instantiated          -> 500
  kUnitBusy = -9,         // the unit's session limit is reached          -> 429
  // Raised by the gateway-side client.
  kNoUnit = -20,            // no unit connected                          -> 503
  kQueueFull = -21,         // pending-request table full                 -> 429
  kTimeout = -22,           // no final reply before the deadline         -> 504
  kUnitLost = -23,          // the unit died with the request in flight   -> 503
  kModelUnavailable = -24,  // units are connected, none loaded the model -> 503
  kShutdown = -25,          // the client is stopping                     -> 503
  kUnknownSession = -26,    // session handle unknown or already closed   -> 404
};

// Stable lowercase name ("bad_input"), used in logs and the ai plugin's
// error strings.
const char *error_name(ErrorCode code);

// HTTP status the gateway answers with for this code.
int http_status_for(ErrorCode code);

// Maps a number read from the wire to a known code (kInternal otherwise).
ErrorCode error_code_from_int(int code);

}  // namespace meetgate::infer
