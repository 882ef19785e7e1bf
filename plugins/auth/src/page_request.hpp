// Pagination of the admin user list: ?page=1&page_size=10&keyword=...,
// answered as {list,total,page,page_size,total_pages} (pluginkit::Pagination)
// plus the keyword filter.
#pragma once

#include <meetgate/pluginkit/pagination.hpp>
#include <optional>
#include <string>

namespace meetgate::auth {

struct PageRequest : pluginkit::Pagination {
  std::string keyword;

  // Throws ApiError(400) naming "page" or "page_size" for a value that is
  // not a positive integer (page_size at most kMaxPageSize) or "keyword"
  // when longer than 100 bytes.
  static PageRequest parse(const std::optional<std::string> &page,
                           const std::optional<std::string> &page_size,
                           const std::optional<std::string> &keyword);
};

}  // namespace meetgate::auth
