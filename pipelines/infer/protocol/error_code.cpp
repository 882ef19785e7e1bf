#include "error_code.hpp"

#include <array>

namespace meetgate::infer {
namespace {
struct ErrorInfo {
  ErrorCode code;
  const char *name;
  int http_status;
};

constexpr std::array<ErrorInfo, 16> kErrors{{
    {ErrorCode::kInternal, "internal", 500},
    {ErrorCode::kMalformedJson, "malformed_json", 400},
    {ErrorCode::kInvalidMessage, "invalid_message", 400},
    {ErrorCode::kUnknownAction, "unknown_action", 400},
    {ErrorCode::kUnknownModel, "unknown_model", 404},
    {ErrorCode::kUnknownWorkId, "unknown_work_id", 404},
    {ErrorCode::kBadInput, "bad_input", 400},
    {ErrorCode::kModelLoadFailed, "model_load_failed", 500},
    {ErrorCode::kUnitBusy, "unit_busy", 429},
    {ErrorCode::kNoUnit, "no_unit", 503},
    {ErrorCode::kQueueFull, "queue_full", 429},
    {ErrorCode::kTimeout, "timeout", 504},
    {ErrorCode::kUnitLost, "unit_lost", 503},
    {ErrorCode::kModelUnavailable, "model_unavailable", 503},
    {ErrorCode::kShutdown, "shutdown", 503},
    {ErrorCode::kUnknownSession, "unknown_session", 404},
}};

const ErrorInfo *find(ErrorCode code) {
  for (const auto &info : kErrors)
    if (info.code == code) return &info;
  return nullptr;
}
}  // namespace

const char *error_name(ErrorCode code) {
  const ErrorInfo *info = find(code);
  return info ? info->name : "internal";
}

int http_status_for(ErrorCode code) {
  const ErrorInfo *info = find(code);
  return info ? info->http_status : 500;
}

ErrorCode error_code_from_int(int code) {
  const ErrorInfo *info = find(static_cast<ErrorCode>(code));
  return info ? info->code : ErrorCode::kInternal;
}

}  // namespace meetgate::infer
