// RAII owner of one jansson reference for the transports' C++ side. JSON still
// crosses the ABI as raw json_t* with the ownership each call states.
#pragma once

#include <jansson.h>

#include <memory>
#include <string>

namespace meetgate::transport {

struct JsonDecref {
  void operator()(json_t *json) const { json_decref(json); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDecref>;

// The compact JSON text of a value ("" when it cannot be dumped).
inline std::string dump_json(const json_t *json) {
  if (json == nullptr) return {};
  std::unique_ptr<char, decltype(&free)> text(json_dumps(json, JSON_COMPACT), &free);
  return text ? std::string(text.get()) : std::string();
}

}  // namespace meetgate::transport
