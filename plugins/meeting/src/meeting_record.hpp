// A row of the meetings table, and its JSON form in answers.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <meetgate/storage/database.hpp>
#include <optional>
#include <string>

#include "meeting_settings.hpp"

namespace meetgate::meeting {

struct MeetingRecord {
  // The columns every SELECT of a meeting reads, in from_row's order.
  static constexpr const char *kColumns =
      "m.id, m.meeting_id, m.room_id, m.title, m.description, m.creator_id, m.status, "
      "m.start_time, m.end_time, m.max_participants, m.password_hash, m.meeting_type, "
      "m.settings, m.created_at, m.updated_at";

  int64_t id = 0;
  std::string meeting_id;  // public string id, e.g. "mtg-3f2a9c0d1b7e4a55"
  std::string room_id;     // the videoroom's room (the same string today)
  std::string title;
  std::optional<std::string> description;
  int64_t creator_id = 0;
  std::string status;  // scheduled | ongoing | ended
  std::optional<std::string> start_time, end_time;
  int64_t max_participants = 0;
  std::optional<std::string> password_hash;
  std::string meeting_type;
  MeetingSettings settings;
  std::string created_at, updated_at;

  static MeetingRecord from_row(const storage::Row &row);
  // The public JSON (never the password hash). New reference.
  json_t *to_json() const;
};

}  // namespace meetgate::meeting
