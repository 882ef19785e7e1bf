#include "page_query.hpp"

#include <meetgate/pluginkit/invalid_field.hpp>

#include "api_error.hpp"

namespace meetgate::recorder {

PageQuery PageQuery::parse(const QueryString &query) {
  try {
    return PageQuery{pluginkit::Pagination::parse(query.get("page"), query.get("page_size"))};
  } catch (const pluginkit::InvalidField &refused) {
    throw ApiError::invalid(refused.field(), refused.why());
  }
}

}  // namespace meetgate::recorder
