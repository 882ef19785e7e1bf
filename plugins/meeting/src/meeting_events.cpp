#include "meeting_events.hpp"

#include "json_ref.hpp"

namespace meetgate::meeting {
namespace {
// {meeting_id, id} every participant.* event starts with, plus user_id.
json_t *about(const MeetingRecord &m, int64_t user_id) {
  return json_pack("{s:s,s:I,s:I}", "meeting_id", m.meeting_id.c_str(), "id",
                   static_cast<json_int_t>(m.id), "user_id", static_cast<json_int_t>(user_id));
}
}  // namespace

void MeetingEvents::publish(const char *topic, json_t *event) const {
  JsonRef owned = adopt(event);
  if (owned) core_->publish(self_, topic, owned.get());  // borrowed: the core copies it
}

void MeetingEvents::started(const MeetingRecord &m) const {
  publish("meeting.started", json_pack("{s:s,s:I,s:s,s:o}", "meeting_id", m.meeting_id.c_str(),
                                       "id", static_cast<json_int_t>(m.id), "room_id",
                                       m.room_id.c_str(), "settings", m.settings.to_json()));
}

void MeetingEvents::ended(const MeetingRecord &m) const {
  publish("meeting.ended", json_pack("{s:s,s:I,s:s}", "meeting_id", m.meeting_id.c_str(), "id",
                                     static_cast<json_int_t>(m.id), "room_id", m.room_id.c_str()));
}

void MeetingEvents::joined(const MeetingRecord &m, int64_t user_id, const std::string &role) const {
  json_t *event = about(m, user_id);
  json_object_set_new(event, "role", json_string(role.c_str()));
  publish("participant.joined", event);
}

void MeetingEvents::left(const MeetingRecord &m, int64_t user_id) const {
  publish("participant.left", about(m, user_id));
}

void MeetingEvents::kicked(const MeetingRecord &m, int64_t user_id, int64_t by) const {
  json_t *event = about(m, user_id);
  json_object_set_new(event, "by", json_integer(by));
  publish("participant.kicked", event);
}

void MeetingEvents::muted(const MeetingRecord &m, int64_t user_id, const std::string &kind,
                          bool muted, int64_t by) const {
  json_t *event = about(m, user_id);
  json_object_set_new(event, "kind", json_string(kind.c_str()));
  json_object_set_new(event, "muted", json_boolean(muted));
  json_object_set_new(event, "by", json_integer(by));
  publish("participant.muted", event);
}

void MeetingEvents::role_changed(const MeetingRecord &m, int64_t user_id, const std::string &role,
                                 int64_t by) const {
  json_t *event = about(m, user_id);
  json_object_set_new(event, "role", json_string(role.c_str()));
  json_object_set_new(event, "by", json_integer(by));
  publish("participant.role_changed", event);
}

}  // namespace meetgate::meeting
