#include "message.hpp"

namespace meetgate::infer {
namespace {

// Reads an optional string member; false when present with another type.
bool read_string(const json_t *root, const char *key, std::string &out) {
  const json_t *value = json_object_get(root, key);
  if (!value) return true;
  if (!json_is_string(value)) return false;
  out = json_string_value(value);
  return true;
}

bool read_error(const json_t *root, Message &message) {
  const json_t *error = json_object_get(root, "error");
  if (!error) return true;
  const json_t *code = json_object_get(error, "code");
  const json_t *text = json_object_get(error, "message");
  if (!json_is_object(error) || !json_is_integer(code) || !json_is_string(text)) return false;
  message.error_code = error_code_from_int(static_cast<int>(json_integer_value(code)));
  message.error_message = json_string_value(text);
  return true;
}

void set_string(json_t *root, const char *key, const std::string &value) {
  if (!value.empty()) json_object_set_new(root, key, json_stringn(value.data(), value.size()));
}

void set_copy(json_t *root, const char *key, const json_t *value) {
  if (value) json_object_set_new(root, key, json_deep_copy(value));
}

std::string finish(JsonPtr root) {
  return json_to_string(root.get());
}

}  // namespace

bool Message::is_final_reply() const {
  if (error_code) return true;
  const json_t *finish = json_object_get(data(), "finish");
  return !(json_is_boolean(finish) && json_is_false(finish));
}

ParseOutcome parse_message(std::string_view text) {
  ParseOutcome outcome;
  json_error_t error;
  JsonPtr root = json_take(json_loadb(text.data(), text.size(), JSON_REJECT_DUPLICATES, &error));
  if (!root || !json_is_object(root.get())) {
    outcome.error = ErrorCode::kMalformedJson;
    outcome.error_message =
        root ? "message is not a JSON object" : std::string("invalid JSON: ") + error.text;
    return outcome;
  }
  Message message;
  read_string(root.get(), "request_id", outcome.request_id);
  const bool fields_ok = read_string(root.get(), "request_id", message.request_id) &&
                         read_string(root.get(), "work_id", message.work_id) &&
                         read_string(root.get(), "action", message.action) &&
                         read_string(root.get(), "object", message.object);
  if (!fields_ok) {
    outcome.error = ErrorCode::kInvalidMessage;
    outcome.error_message = "request_id, work_id, action and object must be strings";
    return outcome;
  }
  if (!read_error(root.get(), message)) {
    outcome.error = ErrorCode::kInvalidMessage;
    outcome.error_message = "error must be {code:int, message:string}";
    return outcome;
  }
  message.root = std::move(root);
  outcome.message = std::move(message);
  return outcome;
}

std::string build_request(const std::string &request_id, const std::string &work_id,
                          std::string_view action, const std::string &object, const json_t *data) {
  JsonPtr root = json_take(json_object());
  set_string(root.get(), "request_id", request_id);
  set_string(root.get(), "work_id", work_id);
  set_string(root.get(), "action", std::string(action));
  set_string(root.get(), "object", object);
  set_copy(root.get(), "data", data);
  return finish(std::move(root));
}

std::string build_reply(const std::string &request_id, const std::string &work_id,
                        const std::string &object, const json_t *data) {
  JsonPtr root = json_take(json_object());
  set_string(root.get(), "request_id", request_id);
  set_string(root.get(), "work_id", work_id);
  set_string(root.get(), "object", object);
  set_copy(root.get(), "data", data);
  return finish(std::move(root));
}

std::string build_delta(const std::string &request_id, const std::string &work_id,
                        const std::string &object, const json_t *delta, int index,
                        bool finish_flag) {
  JsonPtr data = json_take(json_object());
  json_object_set_new(data.get(), "delta", delta ? json_deep_copy(delta) : json_null());
  json_object_set_new(data.get(), "index", json_integer(index));
  json_object_set_new(data.get(), "finish", json_boolean(finish_flag));
  return build_reply(request_id, work_id, object, data.get());
}

std::string build_error(const std::string &request_id, const std::string &work_id, ErrorCode code,
                        const std::string &message) {
  JsonPtr root = json_take(json_object());
  set_string(root.get(), "request_id", request_id);
  set_string(root.get(), "work_id", work_id);
  json_object_set_new(root.get(), "error",
                      json_pack("{s:i, s:s%}", "code", static_cast<int>(code), "message",
                                message.data(), message.size()));
  return finish(std::move(root));
}

std::string build_hello(const std::string &unit_id, const json_t *models, int capacity) {
  JsonPtr root = json_take(json_object());
  set_string(root.get(), "action", std::string(kActionHello));
  set_string(root.get(), "unit_id", unit_id);
  json_object_set_new(root.get(), "models", models ? json_deep_copy(models) : json_array());
  json_object_set_new(root.get(), "capacity", json_integer(capacity));
  return finish(std::move(root));
}

std::string build_heartbeat(const std::string &unit_id, const json_t *load) {
  JsonPtr root = json_take(json_object());
  set_string(root.get(), "action", std::string(kActionHeartbeat));
  set_string(root.get(), "unit_id", unit_id);
  set_copy(root.get(), "load", load);
  return finish(std::move(root));
}

std::string build_bye(const std::string &unit_id) {
  JsonPtr root = json_take(json_object());
  set_string(root.get(), "action", std::string(kActionBye));
  set_string(root.get(), "unit_id", unit_id);
  return finish(std::move(root));
}

}  // namespace meetgate::infer
