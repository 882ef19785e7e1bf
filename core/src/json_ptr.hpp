// RAII owner of one jansson reference, for the C++ side of the core. JSON
// still crosses the ABI as raw json_t* with the ownership each call states.
#pragma once

#include <jansson.h>

#include <memory>

namespace meetgate::core {

struct JsonDecref {
  void operator()(json_t *json) const { json_decref(json); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDecref>;

// Takes a new reference (e.g. from json_object()).
inline JsonPtr adopt_json(json_t *json) {
  return JsonPtr(json);
}
// Takes an extra reference on a borrowed value.
inline JsonPtr share_json(const json_t *json) {
  return JsonPtr(json_incref(const_cast<json_t *>(json)));
}

}  // namespace meetgate::core
