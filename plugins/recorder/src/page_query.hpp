// ?page=&page_size= of the list endpoints, answered as
// {list,total,page,page_size,total_pages} like the seed's clients expect.
#pragma once

#include <jansson.h>

#include <cstdint>

#include "query_string.hpp"

namespace meetgate::recorder {

struct PageQuery {
  static constexpr int64_t kDefaultPageSize = 10;
  static constexpr int64_t kMaxPageSize = 100;
  int64_t page = 1;
  int64_t page_size = kDefaultPageSize;

  // Throws ApiError(400) naming page or page_size.
  static PageQuery parse(const QueryString &query);
  int64_t offset() const { return (page - 1) * page_size; }
  // Steals `list`; returns a new object.
  json_t *envelope(json_t *list, int64_t total) const;
};

}  // namespace meetgate::recorder
