// URL parsing for the storage SDK (additive to database.hpp / kv.hpp): which
// backend a "database_url" or "redis_url" names, and a form safe to log.
#pragma once

#include <meetgate/storage/database.hpp>
#include <string>

namespace meetgate::storage {

// Where a database lives. For SQLite `location` is a file path; for
// PostgreSQL it is the URL itself, which libpq parses (PQconnectdb).
struct DatabaseTarget {
  Dialect dialect = Dialect::kSqlite;
  std::string location;
};

// "sqlite:///abs/path.db" -> /abs/path.db, "sqlite://rel.db" -> rel.db,
// "postgres://..." / "postgresql://..." -> PostgreSQL, anything else without a
// scheme -> a SQLite path. Throws Error on an empty URL or an unknown scheme.
DatabaseTarget parse_database_url(const std::string &url);

struct RedisTarget {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;
  int db = 0;
};

// "redis://[[user]:password@]host[:port][/db]". Throws Error when malformed.
RedisTarget parse_redis_url(const std::string &url);

// The URL with any password replaced by "***", for log lines.
std::string redact_url(const std::string &url);

}  // namespace meetgate::storage
