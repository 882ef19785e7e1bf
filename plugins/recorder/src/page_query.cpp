#include "page_query.hpp"

#include <charconv>

#include "api_error.hpp"

namespace meetgate::recorder {
namespace {

int64_t positive(const QueryString &query, const char *name, int64_t fallback, int64_t max) {
  auto text = query.get(name);
  if (!text || text->empty()) return fallback;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1 || value > max)
    throw ApiError::invalid(name, "must be an integer from 1 to " + std::to_string(max));
  return value;
}

}  // namespace

PageQuery PageQuery::parse(const QueryString &query) {
  PageQuery page;
  page.page = positive(query, "page", 1, 1'000'000);
  page.page_size = positive(query, "page_size", kDefaultPageSize, kMaxPageSize);
  return page;
}

json_t *PageQuery::envelope(json_t *list, int64_t total) const {
  int64_t pages = total == 0 ? 0 : (total + page_size - 1) / page_size;
  return json_pack("{s:o,s:I,s:I,s:I,s:I}", "list", list, "total", static_cast<json_int_t>(total),
                   "page", static_cast<json_int_t>(page), "page_size",
                   static_cast<json_int_t>(page_size), "total_pages",
                   static_cast<json_int_t>(pages));
}

}  // namespace meetgate::recorder
