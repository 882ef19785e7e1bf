// Who may do what with recordings and media files. The original backend
// left reads and deletes open; here only the owner (who started the
// recording / uploaded the file), a host or co-host of the file's meeting,
// or an admin may read or delete, and only a host, co-host or admin may
// start or stop a recording.
#pragma once

#include <cstdint>
#include <string>

#include "caller.hpp"

namespace meetgate::recorder {

// The caller's role in a meeting per meeting.authorize_join ("" when not a
// current participant, the meeting ended or it is unknown).
bool is_meeting_host_role(const std::string &role);

bool may_control_recording(const Caller &caller, const std::string &meeting_role);
bool may_access_file(const Caller &caller, int64_t owner_id, const std::string &meeting_role);

}  // namespace meetgate::recorder
