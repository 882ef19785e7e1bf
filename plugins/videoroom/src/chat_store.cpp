#include "chat_store.hpp"

#include <algorithm>
#include <utility>

namespace meetgate::videoroom {

namespace {

const std::vector<storage::Migration> &migrations() {
  static const std::vector<storage::Migration> kMigrations{
      {1, "chat_messages",
       "CREATE TABLE IF NOT EXISTS chat_messages ("
       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
       " meeting_id TEXT NOT NULL,"
       " user_id INTEGER NOT NULL,"
       " username TEXT NOT NULL DEFAULT '',"
       " content TEXT NOT NULL,"
       " client_message_id TEXT NOT NULL DEFAULT '',"
       " created_at_ms INTEGER NOT NULL);"
       "CREATE INDEX IF NOT EXISTS chat_messages_meeting ON chat_messages (meeting_id, id)",
       "CREATE TABLE IF NOT EXISTS chat_messages ("
       " id BIGSERIAL PRIMARY KEY,"
       " meeting_id VARCHAR(100) NOT NULL,"
       " user_id BIGINT NOT NULL,"
       " username VARCHAR(100) NOT NULL DEFAULT '',"
       " content TEXT NOT NULL,"
       " client_message_id VARCHAR(128) NOT NULL DEFAULT '',"
       " created_at_ms BIGINT NOT NULL);"
       "CREATE INDEX IF NOT EXISTS chat_messages_meeting ON chat_messages (meeting_id, id)"},
  };
  return kMigrations;
}

ChatRecord record_of(const storage::Row &row) {
  ChatRecord record;
  record.id = row.integer("id");
  record.meeting_id = row.text("meeting_id");
  record.user_id = row.integer("user_id");
  record.username = row.text("username");
  record.content = row.text("content");
  record.client_message_id = row.text("client_message_id");
  record.created_at_ms = row.integer("created_at_ms");
  return record;
}

}  // namespace

ChatStore::ChatStore(std::unique_ptr<storage::Database> database)
    : database_(std::move(database)) {}

void ChatStore::migrate() {
  database_->migrate("videoroom", migrations());
}

ChatRecord ChatStore::add(ChatRecord record) {
  auto result = database_->exec(
      "INSERT INTO chat_messages (meeting_id, user_id, username, content, client_message_id,"
      " created_at_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {record.meeting_id, record.user_id, record.username, record.content, record.client_message_id,
       record.created_at_ms});
  if (!result.rows.empty()) record.id = result.rows.front().integer("id");
  return record;
}

std::vector<ChatRecord> ChatStore::list(const std::string &meeting_id, int64_t before_id,
                                        size_t limit) {
  const int64_t before = before_id > 0 ? before_id : INT64_MAX;
  auto result = database_->exec(
      "SELECT id, meeting_id, user_id, username, content, client_message_id, created_at_ms"
      " FROM chat_messages WHERE meeting_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
      {meeting_id, before, static_cast<int64_t>(limit)});
  std::vector<ChatRecord> records;
  records.reserve(result.rows.size());
  for (const auto &row : result.rows) records.push_back(record_of(row));
  std::reverse(records.begin(), records.end());
  return records;
}

}  // namespace meetgate::videoroom
