#include "meeting_access.hpp"

#include "json_ref.hpp"

namespace meetgate::recorder {

MeetingRole MeetingAccess::role_of(int64_t user_id, const std::string &meeting_id) const {
  MeetingRole result;
  if (meeting_id.empty()) {
    result.status = 404;
    return result;
  }
  JsonRef request = adopt(json_pack("{s:I,s:s}", "user_id", static_cast<json_int_t>(user_id),
                                    "meeting_id", meeting_id.c_str()));
  json_t *raw = nullptr;
  int status = core_->call_service("meeting.authorize_join", request.get(), &raw);
  JsonRef response = adopt(raw);
  if (status != 0) {
    result.status = status;
    result.message = text_of(response.get(), "meeting service refused");
    return result;
  }
  result.role = text_of(json_object_get(response.get(), "role"), "");
  result.meeting_id = text_of(json_object_get(response.get(), "meeting_id"), meeting_id.c_str());
  result.id = json_integer_value(json_object_get(response.get(), "id"));
  return result;
}

}  // namespace meetgate::recorder
