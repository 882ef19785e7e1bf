// RAII ownership of Jansson values inside the inference code (the gateway's
// ABI uses json_t*, so the protocol keeps to the same library).
#pragma once

#include <jansson.h>

#include <memory>
#include <string>

namespace meetgate::infer {

struct JsonDeleter {
  void operator()(json_t *value) const { json_decref(value); }
};

using JsonPtr = std::unique_ptr<json_t, JsonDeleter>;

// Takes over a new reference (the result of json_object(), json_loads(), ...).
inline JsonPtr json_take(json_t *value) {
  return JsonPtr(value);
}

// Adds a reference to a borrowed value.
inline JsonPtr json_share(json_t *value) {
  return JsonPtr(json_incref(value));
}

// Compact one-line text; "" for a null value.
std::string json_to_string(const json_t *value);

// Helpers for optional fields of a borrowed object.
std::string json_string_field(const json_t *object, const char *key,
                              const std::string &fallback = {});
double json_number_field(const json_t *object, const char *key, double fallback);
bool json_bool_field(const json_t *object, const char *key, bool fallback);

}  // namespace meetgate::infer
