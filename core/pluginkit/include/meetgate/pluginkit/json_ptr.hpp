// RAII ownership of one Jansson reference on the plugin's side of the ABI
// (JSON still crosses the ABI as raw json_t* with the ownership each call
// states; this is the one place the refcount is handled by hand).
#pragma once

#include <jansson.h>

#include <memory>

namespace meetgate::pluginkit {

struct JsonDecref {
  void operator()(json_t *value) const { json_decref(value); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDecref>;

}  // namespace meetgate::pluginkit
