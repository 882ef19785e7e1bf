// ParticipantService::authorize_join: the "meeting.authorize_join" service.
#include <charconv>

#include "api_error.hpp"
#include "participant_service.hpp"

namespace meetgate::meeting {
namespace {

int64_t requested_user(const json_t *request) {
  const json_t *user = json_object_get(request, "user_id");
  if (json_is_integer(user) && json_integer_value(user) > 0) return json_integer_value(user);
  if (json_is_string(user)) {
    std::string text = json_string_value(user);
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size() && value > 0) return value;
  }
  throw ApiError::invalid("user_id", "must be a positive integer");
}

std::string requested_meeting(const json_t *request) {
  const json_t *meeting = json_object_get(request, "meeting_id");
  if (json_is_integer(meeting)) return std::to_string(json_integer_value(meeting));
  if (json_is_string(meeting) && json_string_length(meeting) > 0) return json_string_value(meeting);
  throw ApiError::invalid("meeting_id", "must be the meeting's id or meeting_id");
}

}  // namespace

int ParticipantService::authorize_join(const json_t *request, json_t **response) {
  try {
    int64_t user_id = requested_user(request);
    MeetingRecord meeting = access_.load(requested_meeting(request));
    if (meeting.status == "ended") throw ApiError(403, "meeting has ended");
    auto participant = participants_.find(meeting.id, user_id);
    if (!participant || participant->status != "joined")
      throw ApiError(403, "not a current participant of this meeting (join it over REST first)");
    *response = json_pack("{s:b,s:s,s:s,s:I,s:s,s:s,s:o}", "allowed", 1, "role",
                          participant->role.c_str(), "meeting_id", meeting.meeting_id.c_str(), "id",
                          static_cast<json_int_t>(meeting.id), "room_id", meeting.room_id.c_str(),
                          "title", meeting.title.c_str(), "settings", meeting.settings.to_json());
    return 0;
  } catch (const ApiError &error) {
    *response = json_string(error.what());
    return error.status();
  } catch (const storage::Error &error) {
    *response = json_string("meeting storage unavailable");
    return 503;
  }
}

}  // namespace meetgate::meeting
