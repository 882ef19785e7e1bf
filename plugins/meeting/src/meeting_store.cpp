#include "meeting_store.hpp"

#include "time_text.hpp"

namespace meetgate::meeting {
namespace {

using storage::Value;

Value optional_text(const std::optional<std::string> &text) {
  return text ? Value(*text) : Value(std::monostate{});
}

bool all_digits(const std::string &text) {
  if (text.empty() || text.size() > 18) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// '%' and '_' in a keyword are literal; '\' escapes them (ESCAPE '\').
std::string like_pattern(const std::string &keyword) {
  std::string out = "%";
  for (char c : keyword) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "%";
}

}  // namespace

MeetingRecord MeetingStore::insert(const MeetingRecord &draft) {
  std::string now = db_now();
  auto result = db_.exec(
      "INSERT INTO meetings (meeting_id, room_id, title, description, creator_id, status, "
      "start_time, end_time, max_participants, password_hash, meeting_type, settings, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, 'scheduled', $6, $7, $8, $9, $10, $11, $12, $12) "
      "RETURNING id",
      {draft.meeting_id, draft.room_id, draft.title, optional_text(draft.description),
       draft.creator_id, optional_text(draft.start_time), optional_text(draft.end_time),
       draft.max_participants, optional_text(draft.password_hash), draft.meeting_type,
       draft.settings.to_text(), now});
  return find_by_id(result.rows.front().integer("id")).value();
}

std::optional<MeetingRecord> MeetingStore::find(const std::string &reference) {
  if (all_digits(reference)) return find_by_id(std::stoll(reference));
  auto result = db_.exec(
      std::string("SELECT ") + MeetingRecord::kColumns + " FROM meetings m WHERE m.meeting_id = $1",
      {reference});
  if (result.empty()) return std::nullopt;
  return MeetingRecord::from_row(result.rows.front());
}

std::optional<MeetingRecord> MeetingStore::find_by_id(int64_t id) {
  auto result = db_.exec(
      std::string("SELECT ") + MeetingRecord::kColumns + " FROM meetings m WHERE m.id = $1", {id});
  if (result.empty()) return std::nullopt;
  return MeetingRecord::from_row(result.rows.front());
}

std::pair<std::vector<MeetingRecord>, int64_t> MeetingStore::list(const ListQuery &query,
                                                                  int64_t user_id) {
  std::string where = " WHERE 1=1";
  std::vector<Value> params;
  auto next = [&](Value value) {
    params.push_back(std::move(value));
    std::string placeholder(1, '$');  // (not "$" + ...: GCC 12 -Wrestrict false positive)
    placeholder += std::to_string(params.size());
    return placeholder;
  };
  if (!query.status.empty()) where += " AND m.status = " + next(query.status);
  if (!query.keyword.empty()) {
    // SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE.
    std::string like = db_.dialect() == storage::Dialect::kPostgres ? " ILIKE " : " LIKE ";
    std::string pattern = next(like_pattern(query.keyword));
    where += " AND (m.title" + like + pattern + " ESCAPE '\\' OR COALESCE(m.description, '')" +
             like + pattern + " ESCAPE '\\')";
  }
  if (query.mine) {
    std::string user = next(user_id);
    where += " AND (m.creator_id = " + user +
             " OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.user_id = " +
             user + "))";
  }
  int64_t total =
      db_.exec("SELECT COUNT(*) AS n FROM meetings m" + where, params).rows.front().integer("n");
  std::string limit = next(query.page_size);
  std::string offset = next(query.offset());
  auto result =
      db_.exec(std::string("SELECT ") + MeetingRecord::kColumns + " FROM meetings m" + where +
                   " ORDER BY m.created_at DESC, m.id DESC LIMIT " + limit + " OFFSET " + offset,
               params);
  std::vector<MeetingRecord> page;
  for (const auto &row : result.rows) page.push_back(MeetingRecord::from_row(row));
  return {std::move(page), total};
}

MeetingRecord MeetingStore::update(const MeetingRecord &m) {
  db_.exec(
      "UPDATE meetings SET title = $2, description = $3, start_time = $4, end_time = $5, "
      "max_participants = $6, password_hash = $7, meeting_type = $8, settings = $9, "
      "updated_at = $10 WHERE id = $1",
      {m.id, m.title, optional_text(m.description), optional_text(m.start_time),
       optional_text(m.end_time), m.max_participants, optional_text(m.password_hash),
       m.meeting_type, m.settings.to_text(), db_now()});
  return find_by_id(m.id).value();
}

bool MeetingStore::remove(int64_t id) {
  // Participants go with ON DELETE CASCADE (foreign keys are on in SQLite).
  return db_.exec("DELETE FROM meetings WHERE id = $1", {id}).affected > 0;
}

std::optional<MeetingRecord> MeetingStore::transition(int64_t id, const std::string &from,
                                                      const std::string &to) {
  std::string now = db_now();
  bool moved = false;
  db_.transaction([&](storage::Session &tx) {
    std::string stamp = to == "ongoing" ? ", start_time = $4"
                        : to == "ended" ? ", end_time = $4"
                                        : "";
    moved = tx.exec("UPDATE meetings SET status = $3, updated_at = $4" + stamp +
                        " WHERE id = $1 AND status = $2",
                    {id, from, to, now})
                .affected > 0;
    if (moved && to == "ended") {
      tx.exec(
          "UPDATE participants SET status = 'left', left_at = $2 "
          "WHERE meeting_id = $1 AND status = 'joined'",
          {id, now});
    }
  });
  if (!moved) return std::nullopt;
  return find_by_id(id);
}

}  // namespace meetgate::meeting
