// The filters and page of GET /api/v1/meetings (and /api/v1/my/meetings):
// ?page=1&page_size=10&status=ongoing&keyword=standup&mine=true, answered as
// {list,total,page,page_size,total_pages} (pluginkit::Pagination).
#pragma once

#include <meetgate/pluginkit/pagination.hpp>
#include <meetgate/pluginkit/query_string.hpp>
#include <string>

namespace meetgate::meeting {

struct ListQuery : pluginkit::Pagination {
  static constexpr size_t kMaxKeywordBytes = 100;

  std::string status;   // "" = any; else scheduled | ongoing | ended
  std::string keyword;  // "" = any; matched in title and description
  bool mine = false;    // only meetings the caller created or took part in

  // Throws ApiError(400) naming page, page_size, status, keyword or mine.
  static ListQuery parse(const pluginkit::QueryString &query);
};

}  // namespace meetgate::meeting
