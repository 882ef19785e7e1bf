#include "sqlite_database.hpp"

#include "migrator.hpp"

namespace meetgate::storage {
namespace {
// Writers queue on the database lock for up to this long before a statement
// fails with "database is locked"; long enough for bursts of joins.
constexpr int kBusyTimeoutMs = 15000;
}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, size_t pool_size)
    : path_(std::move(path)), pool_(pool_size, [this] {
        return std::make_unique<SqliteConnection>(path_, kBusyTimeoutMs);
      }) {
  pool_.prime();
}

Result SqliteDatabase::exec(std::string_view sql, const std::vector<Value> &params) {
  auto connection = pool_.acquire();
  return connection->exec(sql, params);
}

void SqliteDatabase::transaction(const std::function<void(Session &)> &body) {
  auto connection = pool_.acquire();
  // IMMEDIATE takes the write lock up front, so two read-check-write
  // transactions cannot interleave (and cannot deadlock upgrading locks).
  connection->exec("BEGIN IMMEDIATE");
  try {
    body(*connection);
    connection->exec("COMMIT");
  } catch (...) {
    try {
      connection->exec("ROLLBACK");
    } catch (const Error &) {
      connection.mark_broken();  // an unknown state: never reuse it
    }
    throw;
  }
}

void SqliteDatabase::migrate(std::string_view component, const std::vector<Migration> &migrations) {
  apply_migrations(*this, component, migrations);
}

}  // namespace meetgate::storage
