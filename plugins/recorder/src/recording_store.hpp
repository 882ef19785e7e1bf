// The recordings and recording_files tables.
#pragma once

#include <meetgate/storage/database.hpp>
#include <optional>
#include <vector>

#include "records.hpp"

namespace meetgate::recorder {

class RecordingStore {
 public:
  explicit RecordingStore(storage::Database &db) : db_(db) {}

  int64_t create(const std::string &meeting_id, int64_t meeting_db_id, const std::string &mode,
                 int64_t started_by);
  void finish(int64_t id, const std::string &status, const std::string &error);
  std::optional<RecordingRow> get(int64_t id);
  // Newest first. `meeting_id` "" = any; `started_by` 0 = anyone.
  std::vector<RecordingRow> list(const std::string &meeting_id, int64_t started_by, int64_t offset,
                                 int64_t limit, int64_t &total);
  // Recordings still marked "recording" (a crash left them): marked failed.
  int64_t fail_unfinished();
  void remove(int64_t id);

  int64_t add_file(const RecordingFileRow &file);
  void finish_file(int64_t file_id, const std::string &status, int64_t size_bytes,
                   int64_t duration_ms);
  std::vector<RecordingFileRow> files(int64_t recording_id);
  std::optional<RecordingFileRow> file(int64_t recording_id, int64_t file_id);

 private:
  storage::Database &db_;
};

}  // namespace meetgate::recorder
