// The seed's REST envelope for answers the transports produce themselves
// (404, 413, 400, 503, health on the WebSocket port).
#pragma once

#include <jansson.h>

#include <string>

namespace meetgate::transport {

// {"code":status,"message":message,"error":error,"request_id":id} for
// status >= 400, {"code":status,"message":message,"data":data,...} below.
// `data` is stolen (may be NULL: the member is then null). An empty
// `request_id` leaves the member out.
std::string envelope_text(int status, const std::string &message, json_t *data,
                          const std::string &request_id);

// Shorthand for an error envelope whose "error" member is a string.
std::string error_envelope_text(int status, const std::string &message, const std::string &error,
                                const std::string &request_id);

}  // namespace meetgate::transport
