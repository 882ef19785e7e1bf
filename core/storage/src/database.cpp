#include <meetgate/storage/url.hpp>

#include "postgres_database.hpp"
#include "sqlite_database.hpp"

namespace meetgate::storage {

std::unique_ptr<Database> Database::open(const std::string &url, size_t pool_size) {
  DatabaseTarget target = parse_database_url(url);
  if (target.dialect == Dialect::kPostgres)
    return std::make_unique<PostgresDatabase>(target.location, pool_size);
  return std::make_unique<SqliteDatabase>(target.location, pool_size);
}

}  // namespace meetgate::storage
