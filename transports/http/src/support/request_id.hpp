// X-Request-ID handling: a client's id is echoed when it is safe to put in a
// header and a log line; otherwise a random UUID-shaped id is generated.
#pragma once

#include <string>
#include <string_view>

namespace meetgate::transport {

// The longest client-supplied id that is echoed.
constexpr size_t kMaxRequestIdLength = 128;

// 1..128 characters of [A-Za-z0-9._:-] (no spaces, no CR/LF, no quotes).
bool is_acceptable_request_id(std::string_view id);

// A random version-4 UUID in its 8-4-4-4-12 lowercase hex form. Not a secret
// (ids are logged and echoed), so a per-thread PRNG seeded from the OS is used.
std::string generate_request_id();

// `received` when acceptable, else a new id.
std::string request_id_for(std::string_view received);

}  // namespace meetgate::transport
