// Asks the meeting plugin (service "meeting.authorize_join") whether a user
// is in a meeting and with which role. Throws ApiError with the service's
// status (403 not a participant / ended, 404 unknown, 503 no meeting plugin).
#pragma once

#include <meetgate/plugin.h>

#include <string>

#include "json_ptr.hpp"

namespace meetgate::ai {

struct MeetingGrant {
  std::string meeting_id;  // the meeting's meeting_id string
  std::string role;        // host | co-host | participant
  infer::JsonPtr settings;
};

class MeetingAccess {
 public:
  explicit MeetingAccess(const mg_core_callbacks *core) : core_(core) {}
  MeetingGrant authorize(int64_t user_id, const std::string &meeting_id) const;

 private:
  const mg_core_callbacks *core_;
};

}  // namespace meetgate::ai
