#include "envelope.hpp"

#include "json_ptr.hpp"

namespace meetgate::transport {
namespace {

// Messages may quote client input (a path); invalid UTF-8 must not drop them.
json_t *text_value(const std::string &text) {
  json_t *value = json_stringn(text.data(), text.size());
  return value != nullptr ? value : json_string("(text is not valid UTF-8)");
}

}  // namespace

std::string envelope_text(int status, const std::string &message, json_t *data,
                          const std::string &request_id) {
  JsonPtr envelope(json_object());
  json_object_set_new(envelope.get(), "code", json_integer(status));
  json_object_set_new(envelope.get(), "message", text_value(message));
  json_object_set_new(envelope.get(), status >= 400 ? "error" : "data",
                      data != nullptr ? data : json_null());
  if (!request_id.empty()) {
    json_object_set_new(envelope.get(), "request_id", text_value(request_id));
  }
  return dump_json(envelope.get());
}

std::string error_envelope_text(int status, const std::string &message, const std::string &error,
                                const std::string &request_id) {
  return envelope_text(status, message, text_value(error), request_id);
}

}  // namespace meetgate::transport
