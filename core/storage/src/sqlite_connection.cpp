#include "sqlite_connection.hpp"

#include <sqlite3.h>

#include <charconv>
#include <memory>

namespace meetgate::storage {
namespace {

struct StatementCloser {
  void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementCloser>;

// SQLite reads "$1" as a named parameter; its number after '$' says which
// value it takes, whatever order the parameters appear in.
size_t placeholder_number(const char *name, std::string_view sql) {
  size_t number = 0;
  if (name && name[0] == '$') {
    std::string_view digits(name + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (ec == std::errc() && end == digits.data() + digits.size() && number > 0) return number;
  }
  throw Error("unsupported placeholder '" + std::string(name ? name : "?") +
              "' (use $1, $2, ...) in: " + std::string(sql));
}

void bind_value(sqlite3_stmt *statement, int index, const Value &value) {
  if (const auto *integer = std::get_if<int64_t>(&value)) {
    sqlite3_bind_int64(statement, index, *integer);
  } else if (const auto *real = std::get_if<double>(&value)) {
    sqlite3_bind_double(statement, index, *real);
  } else if (const auto *text = std::get_if<std::string>(&value)) {
    sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()),
                      SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(statement, index);
  }
}

std::optional<std::string> column_text(sqlite3_stmt *statement, int column) {
  if (sqlite3_column_type(statement, column) == SQLITE_NULL) return std::nullopt;
  const auto *bytes = sqlite3_column_text(statement, column);
  int length = sqlite3_column_bytes(statement, column);
  return std::string(reinterpret_cast<const char *>(bytes), static_cast<size_t>(length));
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string &path, int busy_timeout_ms) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
}

SqliteConnection::~SqliteConnection() {
  sqlite3_close(db_);
}

void SqliteConnection::fail(int code, std::string_view sql) const {
  int primary = code & 0xff;
  bool constraint = primary == SQLITE_CONSTRAINT;
  throw Error(std::string(sqlite3_errmsg(db_)) + " (SQLite " + sqlite3_errstr(code) +
                  ") in: " + std::string(sql),
              constraint);
}

Result SqliteConnection::exec(std::string_view sql, const std::vector<Value> &params) {
  sqlite3_stmt *raw = nullptr;
  int code = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  if (code != SQLITE_OK) fail(code, sql);
  StatementPtr statement(raw);
  int count = sqlite3_bind_parameter_count(raw);
  for (int index = 1; index <= count; ++index) {
    size_t number = placeholder_number(sqlite3_bind_parameter_name(raw, index), sql);
    if (number > params.size())
      throw Error("placeholder $" + std::to_string(number) + " has no value (" +
                  std::to_string(params.size()) + " given) in: " + std::string(sql));
    bind_value(raw, index, params[number - 1]);
  }
  Result result;
  auto names = std::make_shared<std::vector<std::string>>();
  int columns = sqlite3_column_count(raw);
  for (int column = 0; column < columns; ++column)
    names->emplace_back(sqlite3_column_name(raw, column));
  while ((code = sqlite3_step(raw)) == SQLITE_ROW) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(static_cast<size_t>(columns));
    for (int column = 0; column < columns; ++column) cells.push_back(column_text(raw, column));
    result.rows.emplace_back(names, std::move(cells));
  }
  if (code != SQLITE_DONE) fail(code, sql);
  if (!sqlite3_stmt_readonly(raw)) result.affected = sqlite3_changes64(db_);
  return result;
}

}  // namespace meetgate::storage
