// SQL for participants. join() is the seat-counting transaction that keeps
// max_participants true under concurrent joins: the meeting row is locked
// (SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: SELECT ... FOR
// UPDATE), then the joined participants are counted, then the seat is taken.
#pragma once

#include <meetgate/storage/database.hpp>
#include <optional>
#include <vector>

#include "participant_record.hpp"

namespace meetgate::meeting {

struct JoinOutcome {
  ParticipantRecord participant;
  bool already_joined = false;  // a repeated join: nothing changed
};

class ParticipantStore {
 public:
  explicit ParticipantStore(storage::Database &database) : db_(database) {}

  // Throws ApiError: 404 meeting gone, 409 ended or full, 403 kicked before.
  // A first-time participant gets `new_role`; a returning one keeps theirs.
  JoinOutcome join(int64_t meeting_id, int64_t user_id, const std::string &new_role,
                   bool mute_audio);
  std::optional<ParticipantRecord> find(int64_t meeting_id, int64_t user_id);
  // Only status joined unless `everyone`.
  std::vector<ParticipantRecord> list(int64_t meeting_id, bool everyone);
  int64_t joined_count(int64_t meeting_id);

  // joined -> left / kicked; false when the participant was not joined.
  bool leave(int64_t meeting_id, int64_t user_id, const std::string &status);
  void set_muted(int64_t participant_id, const std::string &kind, bool muted);
  void set_role(int64_t participant_id, const std::string &role);

 private:
  storage::Database &db_;
};

}  // namespace meetgate::meeting
