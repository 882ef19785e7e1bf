// The meeting plugin's name for pluginkit::JsonPtr (one owned Jansson
// reference), with the two helpers its services use.
#pragma once

#include <jansson.h>

#include <meetgate/pluginkit/json_ptr.hpp>
#include <string>

namespace meetgate::meeting {

using JsonRef = pluginkit::JsonPtr;

inline JsonRef adopt(json_t *json) {
  return JsonRef(json);
}

inline std::string text_of(const json_t *json, const char *fallback) {
  const char *text = json_is_string(json) ? json_string_value(json) : nullptr;
  return text ? text : fallback;
}

}  // namespace meetgate::meeting
