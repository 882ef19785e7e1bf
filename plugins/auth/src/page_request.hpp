// Pagination of list endpoints: ?page=1&page_size=10&keyword=..., answered
// as {list,total,page,page_size,total_pages} like the seed's clients expect.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <optional>
#include <string>

namespace meetgate::auth {

struct PageRequest {
  static constexpr int64_t kDefaultPageSize = 10;
  static constexpr int64_t kMaxPageSize = 100;

  int64_t page = 1;
  int64_t page_size = kDefaultPageSize;
  std::string keyword;

  // Throws ApiError(400) naming "page" or "page_size" for a value that is
  // not a positive integer (page_size at most kMaxPageSize) or "keyword"
  // when longer than 100 bytes.
  static PageRequest parse(const std::optional<std::string> &page,
                           const std::optional<std::string> &page_size,
                           const std::optional<std::string> &keyword);

  static int64_t total_pages(int64_t total, int64_t page_size);
  // Steals `list`; returns a new reference.
  json_t *envelope(json_t *list, int64_t total) const;
};

}  // namespace meetgate::auth
