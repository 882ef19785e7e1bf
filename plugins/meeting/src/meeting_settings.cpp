#include "meeting_settings.hpp"

#include <cstdlib>
#include <memory>

#include "api_error.hpp"
#include "json_ref.hpp"

namespace meetgate::meeting {

void MeetingSettings::apply(const json_t *object) {
  if (!json_is_object(object)) throw ApiError::invalid("settings", "must be an object");
  const char *key = nullptr;
  json_t *value = nullptr;
  json_object_foreach(const_cast<json_t *>(object), key, value) {
    bool *target = nullptr;
    std::string name = key;
    if (name == "recording")
      target = &recording;
    else if (name == "ai")
      target = &ai;
    else if (name == "mute_on_join")
      target = &mute_on_join;
    else
      throw ApiError::invalid("settings." + name, "unknown setting (recording, ai, mute_on_join)");
    if (!json_is_boolean(value))
      throw ApiError::invalid("settings." + name, "must be true or false");
    *target = json_is_true(value);
  }
}

MeetingSettings MeetingSettings::from_text(const std::string &text) {
  MeetingSettings settings;
  JsonRef parsed = adopt(json_loads(text.c_str(), 0, nullptr));
  if (parsed) {
    try {
      settings.apply(parsed.get());
    } catch (const ApiError &) {
      return MeetingSettings{};
    }
  }
  return settings;
}

json_t *MeetingSettings::to_json() const {
  return json_pack("{s:b,s:b,s:b}", "recording", recording, "ai", ai, "mute_on_join", mute_on_join);
}

std::string MeetingSettings::to_text() const {
  JsonRef json = adopt(to_json());
  std::unique_ptr<char, decltype(&std::free)> text(
      json_dumps(json.get(), JSON_COMPACT | JSON_SORT_KEYS), &std::free);
  return text ? text.get() : "{}";
}

}  // namespace meetgate::meeting
