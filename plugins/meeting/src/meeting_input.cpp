#include "meeting_input.hpp"

#include "api_error.hpp"
#include "time_text.hpp"

namespace meetgate::meeting {
namespace {

std::string trimmed(const std::string &text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Counts UTF-8 code points (continuation bytes are 10xxxxxx).
size_t characters(const std::string &text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string string_field(const json_t *value, const char *field) {
  if (!json_is_string(value)) throw ApiError::invalid(field, "must be a string");
  return std::string(json_string_value(value), json_string_length(value));
}

Clearable clearable_text(const json_t *body, const char *field, size_t max_bytes) {
  Clearable out;
  const json_t *value = json_object_get(body, field);
  if (!value) return out;
  out.present = true;
  if (json_is_null(value)) return out;
  std::string text = string_field(value, field);
  if (text.size() > max_bytes)
    throw ApiError::invalid(field, "must be at most " + std::to_string(max_bytes) + " bytes");
  out.value = std::move(text);
  return out;
}

Clearable clearable_time(const json_t *body, const char *field) {
  Clearable out = clearable_text(body, field, 64);
  if (out.value && out.value->empty()) {
    out.value.reset();  // "" clears, like null
  } else if (out.value) {
    out.value = parse_api_time(*out.value);
    if (!out.value)
      throw ApiError::invalid(field, "must be an RFC 3339 time, e.g. 2026-01-31T09:00:00Z");
  }
  return out;
}

void parse_title(const json_t *body, bool creating, MeetingInput &input) {
  const json_t *value = json_object_get(body, "title");
  if (!value) {
    if (creating) throw ApiError::invalid("title", "is required");
    return;
  }
  std::string title = trimmed(string_field(value, "title"));
  if (title.empty()) throw ApiError::invalid("title", "must not be empty");
  if (characters(title) > MeetingInput::kMaxTitle)
    throw ApiError::invalid("title", "must be at most 200 characters");
  input.title = std::move(title);
}

void parse_max_participants(const json_t *body, int64_t limit, MeetingInput &input) {
  const json_t *value = json_object_get(body, "max_participants");
  if (!value) return;
  if (!json_is_integer(value)) throw ApiError::invalid("max_participants", "must be an integer");
  json_int_t number = json_integer_value(value);
  if (number < 1 || number > limit)
    throw ApiError::invalid("max_participants", "must be between 1 and " + std::to_string(limit));
  input.max_participants = number;
}

void parse_password(const json_t *body, MeetingInput &input) {
  input.password = clearable_text(body, "password", MeetingInput::kMaxPassword);
  if (input.password.value && !input.password.value->empty() &&
      input.password.value->size() < MeetingInput::kMinPassword)
    throw ApiError::invalid("password", "must be 4 to 64 bytes (or empty for none)");
}

void parse_type(const json_t *body, MeetingInput &input) {
  const json_t *value = json_object_get(body, "meeting_type");
  if (!value) return;
  std::string type = string_field(value, "meeting_type");
  if (type != "video" && type != "audio" && type != "webinar")
    throw ApiError::invalid("meeting_type", "must be video, audio or webinar");
  input.meeting_type = std::move(type);
}

}  // namespace

MeetingInput MeetingInput::parse(const json_t *body, bool creating,
                                 int64_t max_participants_limit) {
  if (!json_is_object(body)) throw ApiError(400, "invalid request", "body must be a JSON object");
  MeetingInput input;
  parse_title(body, creating, input);
  input.description = clearable_text(body, "description", kMaxDescription);
  input.start_time = clearable_time(body, "start_time");
  input.end_time = clearable_time(body, "end_time");
  parse_max_participants(body, max_participants_limit, input);
  parse_password(body, input);
  parse_type(body, input);
  if (const json_t *settings = json_object_get(body, "settings");
      settings && !json_is_null(settings)) {
    MeetingSettings().apply(settings);  // validates: throws naming the key
    input.settings_patch.reset(json_deep_copy(settings), json_decref);
  }
  if (creating) check_time_order(input.start_time.value, input.end_time.value);
  return input;
}

MeetingSettings MeetingInput::settings_over(MeetingSettings base) const {
  if (settings_patch) base.apply(settings_patch.get());
  return base;
}

void MeetingInput::check_time_order(const std::optional<std::string> &start,
                                    const std::optional<std::string> &end) {
  // Both are in the fixed-width database form, so text order is time order.
  if (start && end && !(*start < *end))
    throw ApiError::invalid("end_time", "must be after start_time");
}

}  // namespace meetgate::meeting
