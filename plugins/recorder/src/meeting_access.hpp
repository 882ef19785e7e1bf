// The caller's role in a meeting, asked of the meeting plugin through the
// "meeting.authorize_join" service (plugins never read each other's tables).
#pragma once

#include <meetgate/plugin.h>

#include <cstdint>
#include <string>

namespace meetgate::recorder {

struct MeetingRole {
  int status = 0;          // 0, or the service's 403 / 404 / 503
  std::string role;        // host | co-host | participant ("" unless status 0)
  std::string meeting_id;  // the meeting's meeting_id string
  int64_t id = 0;          // the meeting's numeric id
  std::string message;
};

class MeetingAccess {
 public:
  explicit MeetingAccess(const mg_core_callbacks *core) : core_(core) {}
  MeetingRole role_of(int64_t user_id, const std::string &meeting_id) const;

 private:
  const mg_core_callbacks *core_;
};

}  // namespace meetgate::recorder
