// The ai_results table: one row per analysis task (REST) or stored live
// result, with its JSON result as text. SQLite and PostgreSQL through the
// storage SDK; migrations in result_store.cpp (component "ai").
#pragma once

#include <meetgate/storage/database.hpp>
#include <optional>
#include <string>

#include "json_ptr.hpp"

namespace meetgate::ai {

struct ResultRow {
  std::string task_id;
  std::string meeting_id;  // "" = none
  int64_t user_id = 0;
  std::string type;
  std::string model;
  std::string status;       // pending | completed | failed
  std::string result_json;  // "" = none yet
  std::string error;
};

class ResultStore {
 public:
  explicit ResultStore(storage::Database &database);
  void migrate();

  void insert(const ResultRow &row);
  void finish(const std::string &task_id, const std::string &status, const std::string &result_json,
              const std::string &error);
  void remove(const std::string &task_id);
  // By task id, or by numeric row id. NULL when unknown. The record JSON:
  // {id, task_id, meeting_id, user_id, type, model, status, result, error,
  //  created_at, updated_at}.
  infer::JsonPtr find(const std::string &id) const;
  // {list, total, page, page_size} of a meeting's results, newest first.
  // `only_user` > 0 restricts to that user's rows; `type` "" = all types.
  infer::JsonPtr list(const std::string &meeting_id, const std::string &type, int64_t only_user,
                      int64_t page, int64_t page_size) const;

 private:
  storage::Database &database_;
};

// ISO-8601 UTC with milliseconds; text sorts in time order.
std::string utc_now_text();

}  // namespace meetgate::ai
