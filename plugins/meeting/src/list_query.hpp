// The filters and page of GET /api/v1/meetings (and /api/v1/my/meetings):
// ?page=1&page_size=10&status=ongoing&keyword=standup&mine=true, answered as
// {list,total,page,page_size,total_pages} like the seed's clients expect.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <optional>
#include <string>

#include "query_string.hpp"

namespace meetgate::meeting {

struct ListQuery {
  static constexpr int64_t kDefaultPageSize = 10;
  static constexpr int64_t kMaxPageSize = 100;
  static constexpr size_t kMaxKeywordBytes = 100;

  int64_t page = 1;
  int64_t page_size = kDefaultPageSize;
  std::string status;   // "" = any; else scheduled | ongoing | ended
  std::string keyword;  // "" = any; matched in title and description
  bool mine = false;    // only meetings the caller created or took part in

  // Throws ApiError(400) naming page, page_size, status, keyword or mine.
  static ListQuery parse(const QueryString &query);

  int64_t offset() const { return (page - 1) * page_size; }
  static int64_t total_pages(int64_t total, int64_t page_size);
  // {list,total,page,page_size,total_pages}; steals `list`, returns new.
  json_t *envelope(json_t *list, int64_t total) const;
};

}  // namespace meetgate::meeting
