#include "result_store.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace meetgate::ai {
namespace {

using infer::json_take;
using infer::JsonPtr;
using storage::Value;

const std::vector<storage::Migration> &migrations() {
  static const std::vector<storage::Migration> list = {
      {1, "ai_results",
       "CREATE TABLE IF NOT EXISTS ai_results (id INTEGER PRIMARY KEY AUTOINCREMENT,"
       " task_id TEXT NOT NULL UNIQUE, meeting_id TEXT, user_id INTEGER, type TEXT NOT NULL,"
       " model TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, result TEXT, error TEXT,"
       " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
       "CREATE INDEX IF NOT EXISTS ai_results_meeting ON ai_results (meeting_id, created_at)",
       "CREATE TABLE IF NOT EXISTS ai_results (id BIGSERIAL PRIMARY KEY,"
       " task_id TEXT NOT NULL UNIQUE, meeting_id TEXT, user_id BIGINT, type TEXT NOT NULL,"
       " model TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, result TEXT, error TEXT,"
       " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
       "CREATE INDEX IF NOT EXISTS ai_results_meeting ON ai_results (meeting_id, created_at)"},
  };
  return list;
}

Value text_or_null(const std::string &text) {
  return text.empty() ? Value{} : Value{text};
}

json_t *nullable_text(const storage::Row &row, const char *column) {
  return row.is_null(column) ? json_null() : json_string(row.text(column).c_str());
}

JsonPtr record_json(const storage::Row &row) {
  json_t *result = json_null();
  if (!row.is_null("result")) {
    json_error_t error;
    json_t *parsed = json_loads(row.text("result").c_str(), JSON_DECODE_ANY, &error);
    if (parsed) result = parsed;
  }
  return json_take(json_pack(
      "{s:I,s:s,s:o,s:o,s:s,s:s,s:s,s:o,s:o,s:s,s:s}", "id", json_int_t(row.integer("id")),
      "task_id", row.text("task_id").c_str(), "meeting_id", nullable_text(row, "meeting_id"),
      "user_id", row.is_null("user_id") ? json_null() : json_integer(row.integer("user_id")),
      "type", row.text("type").c_str(), "model", row.text("model").c_str(), "status",
      row.text("status").c_str(), "result", result, "error", nullable_text(row, "error"),
      "created_at", row.text("created_at").c_str(), "updated_at", row.text("updated_at").c_str()));
}

constexpr const char *kColumns =
    "id, task_id, meeting_id, user_id, type, model, status, result, error, created_at, updated_at";

}  // namespace

std::string utc_now_text() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count()));
  return text;
}

ResultStore::ResultStore(storage::Database &database) : database_(database) {}

void ResultStore::migrate() {
  database_.migrate("ai", migrations());
}

void ResultStore::insert(const ResultRow &row) {
  std::string now = utc_now_text();
  database_.exec(
      "INSERT INTO ai_results (task_id, meeting_id, user_id, type, model, status, result, error,"
      " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
      {row.task_id, text_or_null(row.meeting_id), row.user_id > 0 ? Value{row.user_id} : Value{},
       row.type, row.model, row.status, text_or_null(row.result_json), text_or_null(row.error),
       now});
}

void ResultStore::finish(const std::string &task_id, const std::string &status,
                         const std::string &result_json, const std::string &error) {
  database_.exec(
      "UPDATE ai_results SET status = $2, result = $3, error = $4, updated_at = $5"
      " WHERE task_id = $1",
      {task_id, status, text_or_null(result_json), text_or_null(error), utc_now_text()});
}

void ResultStore::remove(const std::string &task_id) {
  database_.exec("DELETE FROM ai_results WHERE task_id = $1", {task_id});
}

JsonPtr ResultStore::find(const std::string &id) const {
  bool numeric =
      !id.empty() && id.size() < 19 && id.find_first_not_of("0123456789") == std::string::npos;
  storage::Result found =
      numeric
          ? database_.exec(std::string("SELECT ") + kColumns + " FROM ai_results WHERE id = $1",
                           {static_cast<int64_t>(std::stoll(id))})
          : database_.exec(
                std::string("SELECT ") + kColumns + " FROM ai_results WHERE task_id = $1", {id});
  if (found.empty()) return nullptr;
  return record_json(found.rows.front());
}

JsonPtr ResultStore::list(const std::string &meeting_id, const std::string &type, int64_t only_user,
                          int64_t page, int64_t page_size) const {
  // Filters as ($n = '' OR column = $n) keep the SQL text fixed.
  const std::string where =
      " FROM ai_results WHERE meeting_id = $1 AND ($2 = '' OR type = $2)"
      " AND ($3 = 0 OR user_id = $3)";
  std::vector<Value> params = {meeting_id, type, only_user};
  storage::Result count = database_.exec("SELECT COUNT(*) AS total" + where, params);
  int64_t total = count.empty() ? 0 : count.rows.front().integer("total");
  params.push_back(page_size);
  params.push_back((page - 1) * page_size);
  storage::Result rows = database_.exec(std::string("SELECT ") + kColumns + where +
                                            " ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5",
                                        params);
  json_t *items = json_array();
  for (const storage::Row &row : rows.rows)
    json_array_append_new(items, record_json(row).release());
  return json_take(json_pack("{s:o,s:I,s:I,s:I}", "list", items, "total", json_int_t(total), "page",
                             json_int_t(page), "page_size", json_int_t(page_size)));
}

}  // namespace meetgate::ai
