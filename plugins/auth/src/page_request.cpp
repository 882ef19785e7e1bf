#include "page_request.hpp"

#include <charconv>

#include "api_error.hpp"

namespace meetgate::auth {
namespace {

int64_t parse_positive(const std::string &text, const char *field, int64_t max) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > max) {
    throw ApiError(400,
                   std::string(field) + " must be an integer between 1 and " + std::to_string(max),
                   field);
  }
  return value;
}

}  // namespace

PageRequest PageRequest::parse(const std::optional<std::string> &page,
                               const std::optional<std::string> &page_size,
                               const std::optional<std::string> &keyword) {
  PageRequest request;
  if (page && !page->empty()) request.page = parse_positive(*page, "page", 1000000);
  if (page_size && !page_size->empty()) {
    request.page_size = parse_positive(*page_size, "page_size", kMaxPageSize);
  }
  if (keyword) {
    if (keyword->size() > 100) throw ApiError(400, "keyword is too long", "keyword");
    request.keyword = *keyword;
  }
  return request;
}

int64_t PageRequest::total_pages(int64_t total, int64_t page_size) {
  if (total <= 0 || page_size <= 0) return 0;
  return (total + page_size - 1) / page_size;
}

json_t *PageRequest::envelope(json_t *list, int64_t total) const {
  json_t *out = json_object();
  json_object_set_new(out, "list", list);
  json_object_set_new(out, "total", json_integer(total));
  json_object_set_new(out, "page", json_integer(page));
  json_object_set_new(out, "page_size", json_integer(page_size));
  json_object_set_new(out, "total_pages", json_integer(total_pages(total, page_size)));
  return out;
}

}  // namespace meetgate::auth
