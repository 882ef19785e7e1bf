#include "participant_record.hpp"

#include "time_text.hpp"

namespace meetgate::meeting {

ParticipantRecord ParticipantRecord::from_row(const storage::Row &row) {
  ParticipantRecord p;
  p.id = row.integer("id");
  p.meeting_id = row.integer("meeting_id");
  p.user_id = row.integer("user_id");
  p.role = row.text("role");
  p.status = row.text("status");
  p.is_muted_audio = row.integer("is_muted_audio") != 0;
  p.is_muted_video = row.integer("is_muted_video") != 0;
  p.joined_at = row.at("joined_at");
  p.left_at = row.at("left_at");
  return p;
}

json_t *ParticipantRecord::to_json() const {
  json_t *out = json_object();
  json_object_set_new(out, "id", json_integer(id));
  json_object_set_new(out, "user_id", json_integer(user_id));
  json_object_set_new(out, "role", json_string(role.c_str()));
  json_object_set_new(out, "status", json_string(status.c_str()));
  json_object_set_new(out, "is_muted_audio", json_boolean(is_muted_audio));
  json_object_set_new(out, "is_muted_video", json_boolean(is_muted_video));
  json_object_set_new(out, "joined_at",
                      joined_at ? json_string(api_time(*joined_at).c_str()) : json_null());
  json_object_set_new(out, "left_at",
                      left_at ? json_string(api_time(*left_at).c_str()) : json_null());
  return out;
}

}  // namespace meetgate::meeting
