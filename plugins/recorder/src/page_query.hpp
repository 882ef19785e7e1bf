// ?page=&page_size= of the list endpoints: the kit's Pagination, answered as
// {list,total,page,page_size,total_pages}, with the kit's refusals turned
// into this plugin's 400.
#pragma once

#include <meetgate/pluginkit/pagination.hpp>
#include <meetgate/pluginkit/query_string.hpp>

namespace meetgate::recorder {

using pluginkit::QueryString;

struct PageQuery : pluginkit::Pagination {
  // Throws ApiError(400) naming page or page_size.
  static PageQuery parse(const QueryString &query);
};

}  // namespace meetgate::recorder
