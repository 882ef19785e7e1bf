#include "media_store.hpp"

namespace meetgate::recorder {
namespace {

MediaFileRow media_of(const storage::Row &row) {
  MediaFileRow m;
  m.id = row.integer("id");
  m.owner_id = row.integer("owner_id");
  m.meeting_id = row.text("meeting_id");
  m.original_name = row.text("original_name");
  m.stored_name = row.text("stored_name");
  m.content_type = row.text("content_type");
  m.size_bytes = row.integer("size_bytes");
  m.created_at = row.text("created_at");
  return m;
}

}  // namespace

int64_t MediaStore::create(const MediaFileRow &m) {
  auto result = db_.exec(
      "INSERT INTO media_files (owner_id, meeting_id, original_name, stored_name, content_type, "
      "size_bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {m.owner_id, m.meeting_id, m.original_name, m.stored_name, m.content_type, m.size_bytes,
       utc_now()});
  return result.rows.at(0).integer("id");
}

std::optional<MediaFileRow> MediaStore::get(int64_t id) {
  auto result = db_.exec("SELECT * FROM media_files WHERE id = $1", {id});
  if (result.empty()) return std::nullopt;
  return media_of(result.rows[0]);
}

std::vector<MediaFileRow> MediaStore::list_by_owner(int64_t owner_id, int64_t offset, int64_t limit,
                                                    int64_t &total) {
  total = db_.exec("SELECT COUNT(*) AS n FROM media_files WHERE owner_id = $1", {owner_id})
              .rows.at(0)
              .integer("n");
  auto result =
      db_.exec("SELECT * FROM media_files WHERE owner_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
               {owner_id, limit, offset});
  std::vector<MediaFileRow> rows;
  for (const auto &row : result.rows) rows.push_back(media_of(row));
  return rows;
}

void MediaStore::remove(int64_t id) {
  db_.exec("DELETE FROM media_files WHERE id = $1", {id});
}

}  // namespace meetgate::recorder
