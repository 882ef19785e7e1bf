// The server backend: a pool of libpq connections to one PostgreSQL database.
#pragma once

#include "connection_pool.hpp"
#include "postgres_connection.hpp"

namespace meetgate::storage {

class PostgresDatabase : public Database {
 public:
  PostgresDatabase(std::string url, size_t pool_size);

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result exec(std::string_view sql, const std::vector<Value> &params = {}) override;
  void transaction(const std::function<void(Session &)> &body) override;
  void migrate(std::string_view component, const std::vector<Migration> &migrations) override;

 private:
  std::string url_;
  ConnectionPool<PostgresConnection> pool_;
};

}  // namespace meetgate::storage
