// Writes a small complete HTTP answer (a JSON envelope) on an lws
// connection that is still speaking HTTP: /health, 404, 426, and refused
// WebSocket upgrades (so clients get the seed's envelope, not lws's HTML).
#pragma once

#include <libwebsockets.h>

#include <string>

namespace meetgate::transport {

// Returns 0 when headers and body were handed to lws, -1 otherwise.
int write_json_reply(lws *wsi, unsigned status, const std::string &body,
                     const std::string &request_id);

}  // namespace meetgate::transport
