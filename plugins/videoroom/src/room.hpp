// The signaling side of one meeting's room: the connections that joined, in
// join order. Guarded by VideoRoom's mutex.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "connection.hpp"

namespace meetgate::videoroom {

class Room {
 public:
  explicit Room(std::string meeting_id) : meeting_id_(std::move(meeting_id)) {}

  const std::string &meeting_id() const { return meeting_id_; }
  const std::vector<std::shared_ptr<Connection>> &members() const { return members_; }
  bool empty() const { return members_.empty(); }
  size_t size() const { return members_.size(); }

  // Adds a connection (no-op if present) / removes it; true if it changed.
  bool add(const std::shared_ptr<Connection> &connection);
  bool remove(uint64_t core_id);

  // Distinct users present.
  size_t user_count() const;

  // The participants list of room-info: [{user_id, username, session_id,
  // peer_id, joined_at, is_self}] seen by `viewer`. New reference.
  json_t *participants_json(uint64_t viewer_core_id) const;

 private:
  std::string meeting_id_;
  std::vector<std::shared_ptr<Connection>> members_;
};

}  // namespace meetgate::videoroom
