// One SQLite connection: WAL journal, a busy timeout (writers queue instead of
// failing with SQLITE_BUSY), foreign keys enforced. Used by one thread at a
// time (the pool hands it out), so it is opened with SQLITE_OPEN_NOMUTEX.
#pragma once

#include <meetgate/storage/database.hpp>
#include <string>

struct sqlite3;

namespace meetgate::storage {

class SqliteConnection : public Session {
 public:
  SqliteConnection(const std::string &path, int busy_timeout_ms);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection &) = delete;
  SqliteConnection &operator=(const SqliteConnection &) = delete;

  // One statement; $N placeholders are bound by their number N (params[N-1]).
  Result exec(std::string_view sql, const std::vector<Value> &params = {}) override;
  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  [[noreturn]] void fail(int code, std::string_view sql) const;
  sqlite3 *db_ = nullptr;
};

}  // namespace meetgate::storage
