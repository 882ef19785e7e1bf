// The embedded backend: a pool of SQLite connections on one database file.
#pragma once

#include "connection_pool.hpp"
#include "sqlite_connection.hpp"

namespace meetgate::storage {

class SqliteDatabase : public Database {
 public:
  SqliteDatabase(std::string path, size_t pool_size);

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result exec(std::string_view sql, const std::vector<Value> &params = {}) override;
  void transaction(const std::function<void(Session &)> &body) override;
  void migrate(std::string_view component, const std::vector<Migration> &migrations) override;

 private:
  std::string path_;
  ConnectionPool<SqliteConnection> pool_;
};

}  // namespace meetgate::storage
