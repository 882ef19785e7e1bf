// One signaling WebSocket (a core session of this plugin) and who it is.
// Guarded by VideoRoom's mutex; the SFU only sees its core id.
#pragma once

#include <meetgate/plugin.h>

#include <cstdint>
#include <string>

#include "message_type.hpp"

namespace meetgate::videoroom {

struct Connection {
  mg_plugin_session *session = nullptr;
  uint64_t core_id = 0;    // mg_plugin_session::id
  std::string session_id;  // the protocol's session_id ("sess-<core id>")
  int64_t user_id = 0;
  std::string username;
  std::string role;            // host, co-host, participant (meeting.authorize_join)
  std::string meeting_id;      // the canonical meeting_id string
  int64_t meeting_number = 0;  // the meeting's numeric id
  std::string peer_id;
  TypeForm form = TypeForm::kName;  // how this client spells types
  bool joined = false;              // sent join-room and not left
  int64_t joined_at_ms = 0;
  uint64_t messages_in = 0;
};

}  // namespace meetgate::videoroom
