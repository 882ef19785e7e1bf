// RAII owner of one Jansson reference on the plugin's side of the ABI.
#pragma once

#include <jansson.h>

#include <memory>
#include <string>

namespace meetgate::recorder {

struct JsonDecref {
  void operator()(json_t *json) const { json_decref(json); }
};
using JsonRef = std::unique_ptr<json_t, JsonDecref>;

inline JsonRef adopt(json_t *json) {
  return JsonRef(json);
}

inline std::string text_of(const json_t *json, const char *fallback) {
  const char *text = json_is_string(json) ? json_string_value(json) : nullptr;
  return text ? text : fallback;
}

}  // namespace meetgate::recorder
