// RAII ownership of a Jansson reference (the one place refcounting is manual).
#pragma once

#include <jansson.h>

#include <memory>

namespace meetgate::auth {

struct JsonDecref {
  void operator()(json_t *value) const { json_decref(value); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDecref>;

}  // namespace meetgate::auth
