// RAII owner of one Jansson reference on the plugin's side of the ABI (the
// pattern of plugins/echotest/src/json_ref.hpp). JSON still crosses the ABI
// as raw json_t* with the ownership each call states.
#pragma once

#include <jansson.h>

#include <memory>
#include <string>

namespace meetgate::videoroom {

struct JsonDecref {
  void operator()(json_t *json) const { json_decref(json); }
};
using JsonRef = std::unique_ptr<json_t, JsonDecref>;

// Takes ownership of a new reference.
inline JsonRef adopt(json_t *json) {
  return JsonRef(json);
}

// Takes an extra reference on a borrowed value, to keep it past the call.
inline JsonRef share(const json_t *json) {
  return JsonRef(json_incref(const_cast<json_t *>(json)));
}

// A JSON string's text, or `fallback` when `json` is not a string.
inline std::string text_of(const json_t *json, const char *fallback) {
  const char *text = json_is_string(json) ? json_string_value(json) : nullptr;
  return text ? text : fallback;
}

}  // namespace meetgate::videoroom
