// Pagination of list endpoints: ?page=1&page_size=10, answered as
// {list,total,page,page_size,total_pages} like the seed's clients expect.
// A plugin's list query derives from it and adds its own filters.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <optional>
#include <string>

namespace meetgate::pluginkit {

struct Pagination {
  static constexpr int64_t kDefaultPageSize = 10;
  static constexpr int64_t kMaxPageSize = 100;
  // A page number past any realistic total would only overflow the offset.
  static constexpr int64_t kMaxPage = 1'000'000;

  int64_t page = 1;
  int64_t page_size = kDefaultPageSize;

  // Absent or empty values keep the defaults. Throws InvalidField naming
  // "page" or "page_size": "must be a positive integer" (not a whole number,
  // below 1, overflowing) or "must be at most N".
  static Pagination parse(const std::optional<std::string> &page,
                          const std::optional<std::string> &page_size);

  int64_t offset() const { return (page - 1) * page_size; }
  static int64_t total_pages(int64_t total, int64_t page_size);
  // {list,total,page,page_size,total_pages}; steals `list`, returns new.
  json_t *envelope(json_t *list, int64_t total) const;
};

}  // namespace meetgate::pluginkit
