#include "postgres_database.hpp"

#include "migrator.hpp"

namespace meetgate::storage {

PostgresDatabase::PostgresDatabase(std::string url, size_t pool_size)
    : url_(std::move(url)),
      pool_(pool_size, [this] { return std::make_unique<PostgresConnection>(url_); }) {
  pool_.prime();
}

Result PostgresDatabase::exec(std::string_view sql, const std::vector<Value> &params) {
  auto connection = pool_.acquire();
  try {
    return connection->exec(sql, params);
  } catch (const Error &) {
    if (!connection->healthy()) connection.mark_broken();
    throw;
  }
}

void PostgresDatabase::transaction(const std::function<void(Session &)> &body) {
  auto connection = pool_.acquire();
  try {
    connection->exec("BEGIN");
    body(*connection);
    connection->exec("COMMIT");
  } catch (...) {
    if (connection->healthy()) {
      try {
        connection->exec("ROLLBACK");
      } catch (const Error &) {
        connection.mark_broken();
      }
    } else {
      connection.mark_broken();
    }
    throw;
  }
}

void PostgresDatabase::migrate(std::string_view component,
                               const std::vector<Migration> &migrations) {
  apply_migrations(*this, component, migrations);
}

}  // namespace meetgate::storage
