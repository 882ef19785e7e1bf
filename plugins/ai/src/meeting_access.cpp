#include "meeting_access.hpp"

#include "api_error.hpp"

namespace meetgate::ai {

MeetingGrant MeetingAccess::authorize(int64_t user_id, const std::string &meeting_id) const {
  infer::JsonPtr request = infer::json_take(json_pack(
      "{s:I,s:s}", "user_id", static_cast<json_int_t>(user_id), "meeting_id", meeting_id.c_str()));
  json_t *raw = nullptr;
  int status = core_->call_service("meeting.authorize_join", request.get(), &raw);
  infer::JsonPtr response = infer::json_take(raw);
  if (status != 0) {
    std::string why = json_is_string(response.get()) ? json_string_value(response.get()) : "";
    if (status == 404) throw ApiError(404, "meeting not found", why);
    if (status == 503) throw ApiError(503, "meeting service unavailable", why);
    throw ApiError(403, "not allowed in this meeting", why);
  }
  MeetingGrant grant;
  grant.meeting_id = infer::json_string_field(response.get(), "meeting_id", meeting_id);
  grant.role = infer::json_string_field(response.get(), "role", "participant");
  json_t *settings = json_object_get(response.get(), "settings");
  grant.settings = infer::json_take(settings ? json_incref(settings) : json_object());
  return grant;
}

}  // namespace meetgate::ai
