// meetgate storage SDK: one SQL API over SQLite (embedded default) and
// PostgreSQL (libpq). In-tree plugins link the static library
// meetgate::storage; it never crosses the plugin ABI (each plugin opens its
// own pool from the core's "database_url" setting).
//
// SQL is written once with PostgreSQL-style placeholders ($1, $2, ...); the
// SQLite backend binds them by number. Parameterised queries only: there is
// no API that splices values into SQL text.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace meetgate::storage {

enum class Dialect { kSqlite, kPostgres };

// A bound parameter. std::monostate binds SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// A failed query or connection. `constraint_violation()` is true for unique /
// foreign key violations so callers can answer 409 instead of 500.
class Error : public std::runtime_error {
 public:
  Error(const std::string &what, bool constraint_violation = false)
      : std::runtime_error(what), constraint_violation_(constraint_violation) {}
  bool constraint_violation() const { return constraint_violation_; }

 private:
  bool constraint_violation_;
};

// One result row; columns by index or name. NULL is std::nullopt.
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> names,
      std::vector<std::optional<std::string>> cells);
  const std::optional<std::string> &at(size_t index) const;
  const std::optional<std::string> &at(std::string_view name) const;
  std::string text(std::string_view name, std::string fallback = "") const;
  int64_t integer(std::string_view name, int64_t fallback = 0) const;
  bool is_null(std::string_view name) const;
  size_t size() const { return cells_.size(); }

 private:
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<std::optional<std::string>> cells_;
};

struct Result {
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
  bool empty() const { return rows.empty(); }
};

// A connection checked out for a transaction; see Database::transaction.
class Session {
 public:
  virtual ~Session() = default;
  virtual Result exec(std::string_view sql, const std::vector<Value> &params = {}) = 0;
  virtual Dialect dialect() const = 0;
};

// A versioned schema step of one component ("auth", "meeting", ...).
// `sqlite` and `postgres` hold the statement(s) for each dialect, separated
// by ';' (no ';' inside string literals).
struct Migration {
  int version;
  std::string description;
  std::string sqlite;
  std::string postgres;
};

class Database {
 public:
  virtual ~Database() = default;

  // "sqlite:///abs/path.db", "sqlite://relative.db", a bare path (SQLite),
  // or "postgresql://user:pass@host:port/db" / "postgres://...".
  // `pool_size` connections (SQLite: WAL mode, busy timeout).
  // Throws Error when it cannot connect.
  static std::unique_ptr<Database> open(const std::string &url, size_t pool_size = 4);

  virtual Dialect dialect() const = 0;

  // One statement on a pooled connection (autocommit).
  virtual Result exec(std::string_view sql, const std::vector<Value> &params = {}) = 0;

  // Run `body` in one transaction on one connection: commits when it returns,
  // rolls back when it throws (and rethrows). SQLite uses BEGIN IMMEDIATE, so
  // read-check-write sequences (seat counting) are serialised; on PostgreSQL
  // use SELECT ... FOR UPDATE for the same effect.
  virtual void transaction(const std::function<void(Session &)> &body) = 0;

  // Apply the component's migrations above its recorded version, each in a
  // transaction, recording them in table schema_migrations(component, version).
  virtual void migrate(std::string_view component, const std::vector<Migration> &migrations) = 0;
};

}  // namespace meetgate::storage
