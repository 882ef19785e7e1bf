#include "migrator.hpp"

#include <algorithm>

#include "statements.hpp"

namespace meetgate::storage {
namespace {

constexpr const char *kSqliteTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL DEFAULT '',"
    " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (component, version))";
constexpr const char *kPostgresTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component VARCHAR(64) NOT NULL, version INTEGER NOT NULL,"
    " description TEXT NOT NULL DEFAULT '',"
    " applied_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),"
    " PRIMARY KEY (component, version))";

// Several gateway nodes may start at once against one PostgreSQL: a
// transaction-scoped advisory lock makes them migrate one after the other.
// SQLite needs nothing more: BEGIN IMMEDIATE already serialises writers.
void lock_migrations(Session &session) {
  if (session.dialect() == Dialect::kPostgres)
    session.exec("SELECT pg_advisory_xact_lock(7461736937)");
}

int64_t current_version(Session &session, std::string_view component) {
  auto result = session.exec(
      "SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations WHERE component = $1",
      {std::string(component)});
  return result.rows.empty() ? 0 : result.rows.front().integer("version");
}

}  // namespace

void apply_migrations(Database &database, std::string_view component,
                      const std::vector<Migration> &migrations) {
  bool postgres = database.dialect() == Dialect::kPostgres;
  database.transaction([&](Session &session) {
    lock_migrations(session);
    session.exec(postgres ? kPostgresTable : kSqliteTable);
  });
  std::vector<const Migration *> ordered;
  for (const auto &migration : migrations) ordered.push_back(&migration);
  std::sort(ordered.begin(), ordered.end(),
            [](const Migration *a, const Migration *b) { return a->version < b->version; });
  for (const Migration *migration : ordered) {
    database.transaction([&](Session &session) {
      lock_migrations(session);
      if (current_version(session, component) >= migration->version) return;
      for (const auto &statement :
           split_statements(postgres ? migration->postgres : migration->sqlite)) {
        try {
          session.exec(statement);
        } catch (const Error &error) {
          throw Error(std::string(component) + " migration " + std::to_string(migration->version) +
                      " (" + migration->description + ") failed: " + error.what());
        }
      }
      session.exec(
          "INSERT INTO schema_migrations (component, version, description) VALUES ($1, $2, $3)",
          {std::string(component), int64_t{migration->version}, migration->description});
    });
  }
}

}  // namespace meetgate::storage
