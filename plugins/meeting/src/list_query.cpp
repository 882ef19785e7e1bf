#include "list_query.hpp"

#include <charconv>

#include "api_error.hpp"
#include "meeting_rules.hpp"

namespace meetgate::meeting {
namespace {

int64_t positive(const std::optional<std::string> &text, const char *field, int64_t fallback,
                 int64_t maximum) {
  if (!text || text->empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1)
    throw ApiError::invalid(field, "must be a positive integer");
  if (value > maximum) throw ApiError::invalid(field, "must be at most " + std::to_string(maximum));
  return value;
}

bool flag(const std::optional<std::string> &text, const char *field) {
  if (!text || text->empty()) return false;
  if (*text == "1" || *text == "true" || *text == "yes") return true;
  if (*text == "0" || *text == "false" || *text == "no") return false;
  throw ApiError::invalid(field, "must be true or false");
}

}  // namespace

ListQuery ListQuery::parse(const QueryString &query) {
  ListQuery out;
  // A page number past any realistic total would only overflow the offset.
  out.page = positive(query.get("page"), "page", 1, 1'000'000);
  out.page_size = positive(query.get("page_size"), "page_size", kDefaultPageSize, kMaxPageSize);
  out.status = query.get("status").value_or("");
  if (!out.status.empty() && !is_meeting_status(out.status))
    throw ApiError::invalid("status", "must be scheduled, ongoing or ended");
  out.keyword = query.get("keyword").value_or("");
  if (out.keyword.size() > kMaxKeywordBytes)
    throw ApiError::invalid("keyword", "must be at most 100 bytes");
  out.mine = flag(query.get("mine"), "mine");
  return out;
}

int64_t ListQuery::total_pages(int64_t total, int64_t page_size) {
  if (total <= 0 || page_size <= 0) return 0;
  return (total + page_size - 1) / page_size;
}

json_t *ListQuery::envelope(json_t *list, int64_t total) const {
  return json_pack("{s:o,s:I,s:I,s:I,s:I}", "list", list, "total", static_cast<json_int_t>(total),
                   "page", static_cast<json_int_t>(page), "page_size",
                   static_cast<json_int_t>(page_size), "total_pages",
                   static_cast<json_int_t>(total_pages(total, page_size)));
}

}  // namespace meetgate::meeting
