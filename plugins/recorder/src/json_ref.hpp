// JSON ownership on the plugin's side of the ABI: the kit's JsonPtr, plus
// reading a string member with a fallback.
#pragma once

#include <jansson.h>

#include <meetgate/pluginkit/json_ptr.hpp>
#include <string>

namespace meetgate::recorder {

using JsonRef = pluginkit::JsonPtr;

inline JsonRef adopt(json_t *json) {
  return JsonRef(json);
}

inline std::string text_of(const json_t *json, const char *fallback) {
  const char *text = json_is_string(json) ? json_string_value(json) : nullptr;
  return text ? text : fallback;
}

}  // namespace meetgate::recorder
