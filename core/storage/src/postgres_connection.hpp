// One libpq connection. Every statement goes through PQexecParams (values as
// separate text parameters, never spliced into SQL). SQLSTATE class 23
// (integrity constraint violation) becomes Error{constraint_violation}.
#pragma once

#include <meetgate/storage/database.hpp>
#include <string>

struct pg_conn;

namespace meetgate::storage {

class PostgresConnection : public Session {
 public:
  explicit PostgresConnection(const std::string &url);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection &) = delete;
  PostgresConnection &operator=(const PostgresConnection &) = delete;

  Result exec(std::string_view sql, const std::vector<Value> &params = {}) override;
  Dialect dialect() const override { return Dialect::kPostgres; }

  // False once the server went away; the pool then drops this connection.
  bool healthy() const;

 private:
  pg_conn *connection_ = nullptr;
};

}  // namespace meetgate::storage
