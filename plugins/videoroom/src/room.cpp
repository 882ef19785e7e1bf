#include "room.hpp"

#include <algorithm>
#include <set>

namespace meetgate::videoroom {

bool Room::add(const std::shared_ptr<Connection> &connection) {
  for (const auto &member : members_) {
    if (member->core_id == connection->core_id) return false;
  }
  members_.push_back(connection);
  return true;
}

bool Room::remove(uint64_t core_id) {
  const auto before = members_.size();
  std::erase_if(members_, [core_id](const auto &member) { return member->core_id == core_id; });
  return members_.size() != before;
}

size_t Room::user_count() const {
  std::set<int64_t> users;
  for (const auto &member : members_) users.insert(member->user_id);
  return users.size();
}

json_t *Room::participants_json(uint64_t viewer_core_id) const {
  json_t *list = json_array();
  for (const auto &member : members_) {
    json_array_append_new(
        list, json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:b}", "user_id",
                        static_cast<json_int_t>(member->user_id), "username",
                        member->username.c_str(), "role", member->role.c_str(), "session_id",
                        member->session_id.c_str(), "peer_id", member->peer_id.c_str(), "joined_at",
                        static_cast<json_int_t>(member->joined_at_ms), "is_self",
                        member->core_id == viewer_core_id));
  }
  return list;
}

}  // namespace meetgate::videoroom
