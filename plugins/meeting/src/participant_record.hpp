// A row of the participants table, and its JSON form in answers.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <meetgate/storage/database.hpp>
#include <optional>
#include <string>

namespace meetgate::meeting {

struct ParticipantRecord {
  static constexpr const char *kColumns =
      "p.id, p.meeting_id, p.user_id, p.role, p.status, p.is_muted_audio, p.is_muted_video, "
      "p.joined_at, p.left_at";

  int64_t id = 0;
  int64_t meeting_id = 0;  // meetings.id
  int64_t user_id = 0;
  std::string role;    // host | co-host | participant
  std::string status;  // joined | left | kicked
  bool is_muted_audio = false;
  bool is_muted_video = false;
  std::optional<std::string> joined_at, left_at;

  static ParticipantRecord from_row(const storage::Row &row);
  json_t *to_json() const;  // new reference
};

}  // namespace meetgate::meeting
