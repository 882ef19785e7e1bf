#include "json_ptr.hpp"

#include <cstdlib>

namespace meetgate::infer {

std::string json_to_string(const json_t *value) {
  if (!value) return {};
  char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
  if (!text) return {};
  std::string out(text);
  std::free(text);
  return out;
}

std::string json_string_field(const json_t *object, const char *key, const std::string &fallback) {
  const json_t *value = json_is_object(object) ? json_object_get(object, key) : nullptr;
  return json_is_string(value) ? std::string(json_string_value(value)) : fallback;
}

double json_number_field(const json_t *object, const char *key, double fallback) {
  const json_t *value = json_is_object(object) ? json_object_get(object, key) : nullptr;
  return json_is_number(value) ? json_number_value(value) : fallback;
}

bool json_bool_field(const json_t *object, const char *key, bool fallback) {
  const json_t *value = json_is_object(object) ? json_object_get(object, key) : nullptr;
  return json_is_boolean(value) ? json_is_true(value) : fallback;
}

}  // namespace meetgate::infer
