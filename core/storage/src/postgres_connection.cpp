#include "postgres_connection.hpp"

#include <libpq-fe.h>

#include <memory>

#include "statements.hpp"

namespace meetgate::storage {
namespace {

struct ResultCloser {
  void operator()(PGresult *result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

// "CREATE TABLE IF NOT EXISTS" and friends send NOTICEs; they are not errors
// and would otherwise go to stderr.
void ignore_notice(void *, const char *) {}

}  // namespace

PostgresConnection::PostgresConnection(const std::string &url) {
  connection_ = PQconnectdb(url.c_str());
  if (!connection_ || PQstatus(connection_) != CONNECTION_OK) {
    std::string message = connection_ ? PQerrorMessage(connection_) : "out of memory";
    PQfinish(connection_);
    connection_ = nullptr;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    throw Error("cannot connect to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(connection_, ignore_notice, nullptr);
  exec("SET TIME ZONE 'UTC'");
}

PostgresConnection::~PostgresConnection() {
  PQfinish(connection_);
}

bool PostgresConnection::healthy() const {
  return PQstatus(connection_) == CONNECTION_OK;
}

Result PostgresConnection::exec(std::string_view sql, const std::vector<Value> &params) {
  std::vector<std::optional<std::string>> texts;
  texts.reserve(params.size());
  for (const auto &value : params) texts.push_back(value_as_text(value));
  std::vector<const char *> pointers;
  pointers.reserve(texts.size());
  for (const auto &text : texts) pointers.push_back(text ? text->c_str() : nullptr);

  std::string statement(sql);
  ResultPtr result(PQexecParams(connection_, statement.c_str(), static_cast<int>(pointers.size()),
                                nullptr, pointers.data(), nullptr, nullptr, 0));
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char *sqlstate = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result ? PQresultErrorMessage(result.get()) : PQerrorMessage(connection_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    bool constraint = sqlstate && sqlstate[0] == '2' && sqlstate[1] == '3';
    throw Error(message + " (SQLSTATE " + (sqlstate ? sqlstate : "none") + ") in: " + statement,
                constraint);
  }
  Result out;
  int columns = PQnfields(result.get());
  auto names = std::make_shared<std::vector<std::string>>();
  for (int column = 0; column < columns; ++column)
    names->emplace_back(PQfname(result.get(), column));
  int rows = PQntuples(result.get());
  out.rows.reserve(static_cast<size_t>(rows));
  for (int row = 0; row < rows; ++row) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(static_cast<size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      if (PQgetisnull(result.get(), row, column)) {
        cells.emplace_back(std::nullopt);
      } else {
        cells.emplace_back(
            std::string(PQgetvalue(result.get(), row, column),
                        static_cast<size_t>(PQgetlength(result.get(), row, column))));
      }
    }
    out.rows.emplace_back(names, std::move(cells));
  }
  const char *affected = PQcmdTuples(result.get());
  if (affected && *affected) out.affected = std::stoll(affected);
  return out;
}

}  // namespace meetgate::storage
