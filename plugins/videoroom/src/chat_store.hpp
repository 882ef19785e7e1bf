// Chat messages of meetings in the core's database (table chat_messages,
// component "videoroom" in schema_migrations), through meetgate::storage on
// SQLite or PostgreSQL. Calls block on the database: run them on a worker.
#pragma once

#include <cstdint>
#include <meetgate/storage/database.hpp>
#include <memory>
#include <string>
#include <vector>

namespace meetgate::videoroom {

struct ChatRecord {
  int64_t id = 0;
  std::string meeting_id;
  int64_t user_id = 0;
  std::string username;
  std::string content;
  std::string client_message_id;
  int64_t created_at_ms = 0;
};

class ChatStore {
 public:
  explicit ChatStore(std::unique_ptr<storage::Database> database);

  // Creates or upgrades the table. Throws storage::Error.
  void migrate();

  // Stores `record` (id ignored); returns it with its new id.
  ChatRecord add(ChatRecord record);

  // Up to `limit` messages of a meeting with id < `before_id` (0 = newest),
  // oldest first.
  std::vector<ChatRecord> list(const std::string &meeting_id, int64_t before_id, size_t limit);

 private:
  std::unique_ptr<storage::Database> database_;
};

}  // namespace meetgate::videoroom
