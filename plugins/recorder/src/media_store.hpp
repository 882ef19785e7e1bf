// The media_files table (uploaded files).
#pragma once

#include <meetgate/storage/database.hpp>
#include <optional>
#include <vector>

#include "records.hpp"

namespace meetgate::recorder {

class MediaStore {
 public:
  explicit MediaStore(storage::Database &db) : db_(db) {}
  int64_t create(const MediaFileRow &row);
  std::optional<MediaFileRow> get(int64_t id);
  std::vector<MediaFileRow> list_by_owner(int64_t owner_id, int64_t offset, int64_t limit,
                                          int64_t &total);
  void remove(int64_t id);

 private:
  storage::Database &db_;
};

}  // namespace meetgate::recorder
