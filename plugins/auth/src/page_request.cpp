#include "page_request.hpp"

#include <meetgate/pluginkit/invalid_field.hpp>

#include "api_error.hpp"

namespace meetgate::auth {

PageRequest PageRequest::parse(const std::optional<std::string> &page,
                               const std::optional<std::string> &page_size,
                               const std::optional<std::string> &keyword) {
  PageRequest request;
  try {
    static_cast<pluginkit::Pagination &>(request) = pluginkit::Pagination::parse(page, page_size);
  } catch (const pluginkit::InvalidField &error) {
    throw ApiError(
        400, error.field() + " must be an integer between 1 and " + std::to_string(error.maximum()),
        error.field());
  }
  if (keyword) {
    if (keyword->size() > 100) throw ApiError(400, "keyword is too long", "keyword");
    request.keyword = *keyword;
  }
  return request;
}

}  // namespace meetgate::auth
