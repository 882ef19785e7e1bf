// The seed's JSON shapes: the REST envelope and the WebSocket error frame.
#pragma once

#include <string>

#include "json_ptr.hpp"

namespace meetgate::core {

// {"code":status,"message":message,"data"|"error":data,"request_id":id}.
// `data` is stolen (may be NULL: the member is then null). "data" below 400,
// "error" from 400 on. `request_id` "" leaves the member out.
JsonPtr make_envelope(int status, const char *message, json_t *data, const std::string &request_id);

// {"type":"error","payload":{"code","message","details"},"timestamp":ms}.
JsonPtr make_error_frame(int code, const char *message, const char *details);

// Milliseconds since the Unix epoch.
long long unix_millis();

// The JSON text of a value, compact ("" if it cannot be dumped).
std::string dump_json(const json_t *json);

}  // namespace meetgate::core
