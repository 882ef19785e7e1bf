#include "recording_store.hpp"

namespace meetgate::recorder {
namespace {

using storage::Row;
using storage::Value;

RecordingRow recording_of(const Row &row) {
  RecordingRow r;
  r.id = row.integer("id");
  r.meeting_id = row.text("meeting_id");
  r.meeting_db_id = row.integer("meeting_db_id");
  r.mode = row.text("mode");
  r.status = row.text("status");
  r.started_by = row.integer("started_by");
  r.started_at = row.text("started_at");
  r.stopped_at = row.text("stopped_at");
  r.error = row.text("error");
  r.duration_ms = row.integer("duration_ms");
  r.size_bytes = row.integer("size_bytes");
  return r;
}

RecordingFileRow file_of(const Row &row) {
  RecordingFileRow f;
  f.id = row.integer("id");
  f.recording_id = row.integer("recording_id");
  f.kind = row.text("kind");
  f.user_id = row.integer("user_id");
  f.producer_id = row.text("producer_id");
  f.track_kind = row.text("track_kind");
  f.segment = row.integer("segment", 1);
  f.stored_name = row.text("stored_name");
  f.content_type = row.text("content_type");
  f.codec = row.text("codec");
  f.size_bytes = row.integer("size_bytes");
  f.duration_ms = row.integer("duration_ms");
  f.status = row.text("status");
  f.created_at = row.text("created_at");
  f.finished_at = row.text("finished_at");
  return f;
}

constexpr const char *kRecordingColumns =
    "id, meeting_id, meeting_db_id, mode, status, started_by, started_at, stopped_at, error, "
    "duration_ms, size_bytes";

}  // namespace

int64_t RecordingStore::create(const std::string &meeting_id, int64_t meeting_db_id,
                               const std::string &mode, int64_t started_by) {
  auto result = db_.exec(
      "INSERT INTO recordings (meeting_id, meeting_db_id, mode, status, started_by, started_at) "
      "VALUES ($1, $2, $3, 'recording', $4, $5) RETURNING id",
      {meeting_id, meeting_db_id, mode, started_by, utc_now()});
  return result.rows.at(0).integer("id");
}

void RecordingStore::finish(int64_t id, const std::string &status, const std::string &error) {
  // Duration: the longest file; size: all files.
  db_.exec(
      "UPDATE recordings SET status = $2, error = $3, stopped_at = $4, "
      "duration_ms = COALESCE((SELECT MAX(duration_ms) FROM recording_files WHERE recording_id = "
      "$1), 0), size_bytes = COALESCE((SELECT SUM(size_bytes) FROM recording_files WHERE "
      "recording_id = $1), 0) WHERE id = $1",
      {id, status, error, utc_now()});
}

std::optional<RecordingRow> RecordingStore::get(int64_t id) {
  auto result =
      db_.exec(std::string("SELECT ") + kRecordingColumns + " FROM recordings WHERE id = $1", {id});
  if (result.empty()) return std::nullopt;
  return recording_of(result.rows[0]);
}

std::vector<RecordingRow> RecordingStore::list(const std::string &meeting_id, int64_t started_by,
                                               int64_t offset, int64_t limit, int64_t &total) {
  std::string where = " WHERE ($1 = '' OR meeting_id = $1) AND ($2 = 0 OR started_by = $2)";
  std::vector<Value> params = {meeting_id, started_by};
  total = db_.exec("SELECT COUNT(*) AS n FROM recordings" + where, params).rows.at(0).integer("n");
  params.push_back(limit);
  params.push_back(offset);
  auto result = db_.exec(std::string("SELECT ") + kRecordingColumns + " FROM recordings" + where +
                             " ORDER BY id DESC LIMIT $3 OFFSET $4",
                         params);
  std::vector<RecordingRow> rows;
  for (const Row &row : result.rows) rows.push_back(recording_of(row));
  return rows;
}

int64_t RecordingStore::fail_unfinished() {
  db_.exec("UPDATE recording_files SET status = 'failed' WHERE status = 'recording'");
  return db_
      .exec(
          "UPDATE recordings SET status = 'failed', error = 'gateway stopped while recording' "
          "WHERE status = 'recording'")
      .affected;
}

void RecordingStore::remove(int64_t id) {
  db_.transaction([&](storage::Session &session) {
    session.exec("DELETE FROM recording_files WHERE recording_id = $1", {id});
    session.exec("DELETE FROM recordings WHERE id = $1", {id});
  });
}

int64_t RecordingStore::add_file(const RecordingFileRow &f) {
  auto result = db_.exec(
      "INSERT INTO recording_files (recording_id, kind, user_id, producer_id, track_kind, "
      "segment, stored_name, content_type, codec, status, created_at) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8, $9, 'recording', $10) RETURNING id",
      {f.recording_id, f.kind, f.user_id, f.producer_id, f.track_kind, f.segment, f.stored_name,
       f.content_type, f.codec, utc_now()});
  return result.rows.at(0).integer("id");
}

void RecordingStore::finish_file(int64_t file_id, const std::string &status, int64_t size_bytes,
                                 int64_t duration_ms) {
  db_.exec(
      "UPDATE recording_files SET status = $2, size_bytes = $3, duration_ms = $4, finished_at = "
      "$5 WHERE id = $1",
      {file_id, status, size_bytes, duration_ms, utc_now()});
}

std::vector<RecordingFileRow> RecordingStore::files(int64_t recording_id) {
  auto result =
      db_.exec("SELECT * FROM recording_files WHERE recording_id = $1 ORDER BY id", {recording_id});
  std::vector<RecordingFileRow> rows;
  for (const Row &row : result.rows) rows.push_back(file_of(row));
  return rows;
}

std::optional<RecordingFileRow> RecordingStore::file(int64_t recording_id, int64_t file_id) {
  auto result = db_.exec("SELECT * FROM recording_files WHERE recording_id = $1 AND id = $2",
                         {recording_id, file_id});
  if (result.empty()) return std::nullopt;
  return file_of(result.rows[0]);
}

}  // namespace meetgate::recorder
