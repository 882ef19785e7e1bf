#include "participant_store.hpp"

#include "api_error.hpp"
#include "time_text.hpp"

namespace meetgate::meeting {
namespace {

std::optional<ParticipantRecord> find_in(storage::Session &tx, int64_t meeting_id,
                                         int64_t user_id) {
  auto result = tx.exec(std::string("SELECT ") + ParticipantRecord::kColumns +
                            " FROM participants p WHERE p.meeting_id = $1 AND p.user_id = $2",
                        {meeting_id, user_id});
  if (result.empty()) return std::nullopt;
  return ParticipantRecord::from_row(result.rows.front());
}

int64_t count_joined(storage::Session &tx, int64_t meeting_id) {
  return tx
      .exec("SELECT COUNT(*) AS n FROM participants WHERE meeting_id = $1 AND status = 'joined'",
            {meeting_id})
      .rows.front()
      .integer("n");
}

}  // namespace

JoinOutcome ParticipantStore::join(int64_t meeting_id, int64_t user_id, const std::string &new_role,
                                   bool mute_audio) {
  JoinOutcome outcome;
  db_.transaction([&](storage::Session &tx) {
    const bool postgres = tx.dialect() == storage::Dialect::kPostgres;
    auto meeting = tx.exec(postgres ? "SELECT status, max_participants FROM meetings "
                                      "WHERE id = $1 FOR UPDATE"
                                    : "SELECT status, max_participants FROM meetings WHERE id = $1",
                           {meeting_id});
    if (meeting.empty()) throw ApiError(404, "meeting not found");
    if (meeting.rows.front().text("status") == "ended")
      throw ApiError(409, "meeting has ended", "status: ended");
    auto existing = find_in(tx, meeting_id, user_id);
    if (existing && existing->status == "kicked")
      throw ApiError(403, "you were removed from this meeting");
    if (existing && existing->status == "joined") {
      outcome = {*existing, true};
      return;
    }
    int64_t seats = meeting.rows.front().integer("max_participants");
    if (count_joined(tx, meeting_id) >= seats)
      throw ApiError(409, "meeting is full", "max_participants: " + std::to_string(seats));
    std::string now = db_now();
    int64_t muted = mute_audio ? 1 : 0;
    if (existing) {
      tx.exec(
          "UPDATE participants SET status = 'joined', joined_at = $2, left_at = NULL, "
          "is_muted_audio = $3, is_muted_video = 0 WHERE id = $1",
          {existing->id, now, muted});
    } else {
      tx.exec(
          "INSERT INTO participants (meeting_id, user_id, role, status, is_muted_audio, "
          "is_muted_video, joined_at) VALUES ($1, $2, $3, 'joined', $4, 0, $5)",
          {meeting_id, user_id, new_role, muted, now});
    }
    outcome = {find_in(tx, meeting_id, user_id).value(), false};
  });
  return outcome;
}

std::optional<ParticipantRecord> ParticipantStore::find(int64_t meeting_id, int64_t user_id) {
  auto result = db_.exec(std::string("SELECT ") + ParticipantRecord::kColumns +
                             " FROM participants p WHERE p.meeting_id = $1 AND p.user_id = $2",
                         {meeting_id, user_id});
  if (result.empty()) return std::nullopt;
  return ParticipantRecord::from_row(result.rows.front());
}

std::vector<ParticipantRecord> ParticipantStore::list(int64_t meeting_id, bool everyone) {
  auto result = db_.exec(std::string("SELECT ") + ParticipantRecord::kColumns +
                             " FROM participants p WHERE p.meeting_id = $1" +
                             (everyone ? "" : " AND p.status = 'joined'") + " ORDER BY p.id",
                         {meeting_id});
  std::vector<ParticipantRecord> out;
  for (const auto &row : result.rows) out.push_back(ParticipantRecord::from_row(row));
  return out;
}

int64_t ParticipantStore::joined_count(int64_t meeting_id) {
  return db_
      .exec("SELECT COUNT(*) AS n FROM participants WHERE meeting_id = $1 AND status = 'joined'",
            {meeting_id})
      .rows.front()
      .integer("n");
}

bool ParticipantStore::leave(int64_t meeting_id, int64_t user_id, const std::string &status) {
  return db_.exec(
                "UPDATE participants SET status = $3, left_at = $4 "
                "WHERE meeting_id = $1 AND user_id = $2 AND status = 'joined'",
                {meeting_id, user_id, status, db_now()})
             .affected > 0;
}

void ParticipantStore::set_muted(int64_t participant_id, const std::string &kind, bool muted) {
  db_.exec(kind == "video" ? "UPDATE participants SET is_muted_video = $2 WHERE id = $1"
                           : "UPDATE participants SET is_muted_audio = $2 WHERE id = $1",
           {participant_id, int64_t{muted ? 1 : 0}});
}

void ParticipantStore::set_role(int64_t participant_id, const std::string &role) {
  db_.exec("UPDATE participants SET role = $2 WHERE id = $1", {participant_id, role});
}

}  // namespace meetgate::meeting
