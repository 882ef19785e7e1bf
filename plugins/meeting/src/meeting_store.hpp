// SQL for meetings: the only place that writes the meetings table. Statements
// are written once for both dialects; where they differ (ILIKE, FOR UPDATE)
// the dialect picks. Seat-sensitive steps run in transactions; see
// participant_store.hpp for joins.
#pragma once

#include <meetgate/storage/database.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "list_query.hpp"
#include "meeting_record.hpp"

namespace meetgate::meeting {

class MeetingStore {
 public:
  explicit MeetingStore(storage::Database &database) : db_(database) {}

  // Inserts `draft` (id, created_at, updated_at are filled in) and returns it.
  MeetingRecord insert(const MeetingRecord &draft);
  // By numeric id ("42") or by meeting_id string ("mtg-...").
  std::optional<MeetingRecord> find(const std::string &reference);
  std::optional<MeetingRecord> find_by_id(int64_t id);
  // A page of meetings matching the filters, newest first, and the total.
  std::pair<std::vector<MeetingRecord>, int64_t> list(const ListQuery &query, int64_t user_id);
  // Writes the mutable fields of `meeting` (title ... settings) and bumps
  // updated_at; returns the stored row.
  MeetingRecord update(const MeetingRecord &meeting);
  bool remove(int64_t id);

  // Moves the meeting from `from` to `to` atomically (nothing happens when
  // its status is no longer `from`) and stamps start_time (to ongoing) or
  // end_time (to ended). On ended, joined participants are marked left.
  // Returns the updated meeting, or nullopt if the status did not match.
  std::optional<MeetingRecord> transition(int64_t id, const std::string &from,
                                          const std::string &to);

  storage::Database &database() { return db_; }

 private:
  storage::Database &db_;
};

}  // namespace meetgate::meeting
