// What the SFU needs from the plugin around it: sending to a connection that
// is still open, and creating a PeerConnection for one. Implemented by
// VideoRoom, which checks under its lock that the session still exists.
#pragma once

#include <meetgate/plugin.h>

#include <cstdint>
#include <string>

#include "message_type.hpp"
#include "signal_message.hpp"

namespace meetgate::videoroom {

class SfuHost {
 public:
  virtual ~SfuHost() = default;
  // A server message to one connection; `payload` is stolen. False if gone.
  virtual bool send_to(uint64_t core_id, MessageType type, json_t *payload) = 0;
  // An error frame to one connection, echoing `id` (borrowed, may be NULL).
  virtual void send_error_to(uint64_t core_id, const ProtocolError &error, const json_t *id) = 0;
  // A server message to every member of a meeting's room but `except`.
  virtual void broadcast(const std::string &meeting_id, MessageType type, json_t *payload,
                         uint64_t except_core_id) = 0;
  // A PeerConnection owned by the connection's session; 0 with *error set.
  virtual mg_pc_id create_pc(uint64_t core_id, json_t **error) = 0;
  virtual const mg_core_callbacks &core() const = 0;
  virtual mg_plugin *self() const = 0;
};

}  // namespace meetgate::videoroom
