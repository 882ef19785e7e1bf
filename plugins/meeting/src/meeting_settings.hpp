// A meeting's switches, kept as JSON text in meetings.settings:
// {"ai":false,"mute_on_join":false,"recording":false}. Unknown keys and
// non-boolean values are refused (400 naming "settings.<key>").
#pragma once

#include <jansson.h>

#include <string>

namespace meetgate::meeting {

struct MeetingSettings {
  bool recording = false;     // the recorder plugin records the room
  bool ai = false;            // the ai plugin analyses the room
  bool mute_on_join = false;  // participants join with audio muted

  // Overwrites the keys present in `object`; throws ApiError on bad input.
  void apply(const json_t *object);
  // From the stored text; a damaged value falls back to the defaults.
  static MeetingSettings from_text(const std::string &text);
  std::string to_text() const;
  json_t *to_json() const;  // new reference
};

}  // namespace meetgate::meeting
