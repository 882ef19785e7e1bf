#include "client_message.hpp"

namespace meetgate::transport {
namespace {

const char *type_name(const json_t *value) {
  switch (json_typeof(value)) {
    case JSON_ARRAY:
      return "an array";
    case JSON_STRING:
      return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
      return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
      return "a boolean";
    case JSON_NULL:
      return "null";
    default:
      return "an object";
  }
}

}  // namespace

ClientMessage parse_client_message(const std::string &text) {
  ClientMessage result;
  json_error_t error{};
  // JSON_DECODE_ANY: a bare "1" or "[]" parses, so it can be named below.
  JsonPtr parsed(json_loadb(text.data(), text.size(), JSON_DECODE_ANY, &error));
  if (!parsed) {
    result.code = 400;
    result.message = "malformed JSON";
    result.details = "line " + std::to_string(error.line) + ", column " +
                     std::to_string(error.column) + ": " + error.text;
    return result;
  }
  if (!json_is_object(parsed.get())) {
    result.code = 400;
    result.message = "message must be a JSON object";
    result.details = std::string("got ") + type_name(parsed.get());
    return result;
  }
  result.object = std::move(parsed);
  return result;
}

}  // namespace meetgate::transport
