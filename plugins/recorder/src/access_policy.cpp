#include "access_policy.hpp"

namespace meetgate::recorder {

bool is_meeting_host_role(const std::string &role) {
  return role == "host" || role == "co-host";
}

bool may_control_recording(const Caller &caller, const std::string &meeting_role) {
  return caller.is_admin() || is_meeting_host_role(meeting_role);
}

bool may_access_file(const Caller &caller, int64_t owner_id, const std::string &meeting_role) {
  return caller.is_admin() || (owner_id > 0 && owner_id == caller.user_id) ||
         is_meeting_host_role(meeting_role);
}

}  // namespace meetgate::recorder
