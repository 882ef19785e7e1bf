// Bus events from the meeting plugin and the core's media hooks.
#include <string>

#include "videoroom.hpp"

namespace meetgate::videoroom {

void VideoRoom::handle_event(const char *topic, const json_t *event) {
  const std::string name = topic ? topic : "";
  const std::string meeting_id = text_of(json_object_get(event, "meeting_id"), "");
  if (meeting_id.empty()) return;
  const json_int_t user_id = json_integer_value(json_object_get(event, "user_id"));
  if (name == "meeting.ended") {
    close_matching(meeting_id, 0, {410, "meeting ended", "the host ended the meeting"},
                   "meeting ended");
    sfu_->close_room(meeting_id);
  } else if (name == "participant.kicked" && user_id > 0) {
    close_matching(meeting_id, user_id, {403, "kicked", "a host removed you from the meeting"},
                   "kicked by a host");
  } else if (name == "participant.left" && user_id > 0) {
    close_matching(meeting_id, user_id, {410, "left the meeting", "you left the meeting"},
                   "left the meeting");
  } else if (name == "participant.muted" && user_id > 0) {
    const std::string kind = text_of(json_object_get(event, "kind"), "audio");
    const bool muted = json_is_true(json_object_get(event, "muted"));
    sfu_->mute(meeting_id, user_id, kind, muted);
    json_t *payload = json_pack("{s:s,s:s,s:b,s:I,s:I,s:b}", "action", muted ? "mute" : "unmute",
                                "kind", kind.c_str(), "muted", muted, "user_id", user_id, "by",
                                json_integer_value(json_object_get(event, "by")), "forced", 1);
    broadcast(meeting_id, MessageType::kMediaControl, payload, 0);
  } else if (name.starts_with("recording.")) {
    // {recording_id, meeting_id, ...} plus which event it was.
    json_t *payload = json_deep_copy(event);
    json_object_set_new(payload, "event", json_string(name.substr(10).c_str()));
    broadcast(meeting_id, MessageType::kRecording, payload, 0);
  } else if (name == "ai.result") {
    broadcast(meeting_id, MessageType::kAiResult, json_deep_copy(event), 0);
  } else if (name == "participant.role_changed" && user_id > 0) {
    const std::string role = text_of(json_object_get(event, "role"), "participant");
    std::lock_guard lock(mutex_);
    for (auto &[core_id, connection] : connections_) {
      if (connection->meeting_id == meeting_id && connection->user_id == user_id) {
        connection->role = role;
      }
    }
  }
}

void VideoRoom::media_event(mg_plugin_session *session, mg_pc_id pc, const json_t *event) {
  sfu_->media_event(session->id, pc, event);  // queued: a media worker never waits
}

void VideoRoom::hangup_media(mg_plugin_session *session, mg_pc_id pc) {
  sfu_->hangup(session->id, pc);
}

json_t *VideoRoom::handle_admin_message(const json_t *message) {
  const std::string request = text_of(json_object_get(message, "request"), "list_rooms");
  if (request == "health") return health_json();  // the core's /health (plugin.h)
  if (request != "list_rooms") return json_pack("{s:s}", "error", "unknown request");
  std::lock_guard lock(mutex_);
  json_t *rooms = json_array();
  for (const auto &[meeting_id, room] : rooms_) {
    json_array_append_new(
        rooms,
        json_pack("{s:s,s:I,s:o}", "meeting_id", meeting_id.c_str(), "participant_count",
                  static_cast<json_int_t>(room.size()), "participants", room.participants_json(0)));
  }
  return json_pack("{s:o,s:I}", "rooms", rooms, "connections",
                   static_cast<json_int_t>(connections_.size()));
}

// {rooms, participants, clients}: cheap counts, asked on every GET /health.
json_t *VideoRoom::health_json() {
  std::lock_guard lock(mutex_);
  size_t participants = 0;
  for (const auto &[meeting_id, room] : rooms_) participants += room.size();
  return json_pack("{s:I,s:I,s:I}", "rooms", static_cast<json_int_t>(rooms_.size()),
                   "participants", static_cast<json_int_t>(participants), "clients",
                   static_cast<json_int_t>(connections_.size()));
}

}  // namespace meetgate::videoroom
