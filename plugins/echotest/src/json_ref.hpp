// RAII owner of one Jansson reference on the plugin's side of the ABI.
// JSON still crosses the ABI as raw json_t* with the ownership each call
// states (borrowed / new / stolen); this only makes "new" references safe to
// hold in C++ code. Copy this file into your own plugin.
#pragma once

#include <jansson.h>

#include <memory>
#include <string>

namespace meetgate::echotest {

struct JsonDecref {
  void operator()(json_t *json) const { json_decref(json); }
};
using JsonRef = std::unique_ptr<json_t, JsonDecref>;

// Takes ownership of a new reference (from json_object(), a core callback
// documented as returning "new", ...).
inline JsonRef adopt(json_t *json) {
  return JsonRef(json);
}

// Takes an extra reference on a borrowed value, to keep it past the call.
inline JsonRef share(const json_t *json) {
  return JsonRef(json_incref(const_cast<json_t *>(json)));
}

// A JSON string's text, or `fallback` when `json` is not a string (e.g. an
// error message the core set through a json_t **error out-parameter).
inline std::string text_of(const json_t *json, const char *fallback) {
  const char *text = json_is_string(json) ? json_string_value(json) : nullptr;
  return text ? text : fallback;
}

}  // namespace meetgate::echotest
