#include "meeting_record.hpp"

#include "time_text.hpp"

namespace meetgate::meeting {
namespace {
json_t *optional_time(const std::optional<std::string> &value) {
  return value ? json_string(api_time(*value).c_str()) : json_null();
}
}  // namespace

MeetingRecord MeetingRecord::from_row(const storage::Row &row) {
  MeetingRecord m;
  m.id = row.integer("id");
  m.meeting_id = row.text("meeting_id");
  m.room_id = row.text("room_id");
  m.title = row.text("title");
  m.description = row.at("description");
  m.creator_id = row.integer("creator_id");
  m.status = row.text("status");
  m.start_time = row.at("start_time");
  m.end_time = row.at("end_time");
  m.max_participants = row.integer("max_participants");
  m.password_hash = row.at("password_hash");
  m.meeting_type = row.text("meeting_type");
  m.settings = MeetingSettings::from_text(row.text("settings", "{}"));
  m.created_at = row.text("created_at");
  m.updated_at = row.text("updated_at");
  return m;
}

json_t *MeetingRecord::to_json() const {
  json_t *out = json_object();
  json_object_set_new(out, "id", json_integer(id));
  json_object_set_new(out, "meeting_id", json_string(meeting_id.c_str()));
  json_object_set_new(out, "room_id", json_string(room_id.c_str()));
  json_object_set_new(out, "title", json_string(title.c_str()));
  json_object_set_new(out, "description", json_string(description.value_or("").c_str()));
  json_object_set_new(out, "creator_id", json_integer(creator_id));
  json_object_set_new(out, "status", json_string(status.c_str()));
  json_object_set_new(out, "start_time", optional_time(start_time));
  json_object_set_new(out, "end_time", optional_time(end_time));
  json_object_set_new(out, "max_participants", json_integer(max_participants));
  json_object_set_new(out, "meeting_type", json_string(meeting_type.c_str()));
  json_object_set_new(out, "has_password", json_boolean(password_hash.has_value()));
  json_object_set_new(out, "settings", settings.to_json());
  json_object_set_new(out, "created_at", json_string(api_time(created_at).c_str()));
  json_object_set_new(out, "updated_at", json_string(api_time(updated_at).c_str()));
  return out;
}

}  // namespace meetgate::meeting
