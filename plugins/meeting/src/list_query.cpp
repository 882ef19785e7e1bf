#include "list_query.hpp"

#include <meetgate/pluginkit/invalid_field.hpp>

#include "api_error.hpp"
#include "meeting_rules.hpp"

namespace meetgate::meeting {
namespace {

bool flag(const std::optional<std::string> &text, const char *field) {
  if (!text || text->empty()) return false;
  if (*text == "1" || *text == "true" || *text == "yes") return true;
  if (*text == "0" || *text == "false" || *text == "no") return false;
  throw ApiError::invalid(field, "must be true or false");
}

}  // namespace

ListQuery ListQuery::parse(const pluginkit::QueryString &query) {
  ListQuery out;
  try {
    static_cast<pluginkit::Pagination &>(out) =
        pluginkit::Pagination::parse(query.get("page"), query.get("page_size"));
  } catch (const pluginkit::InvalidField &error) {
    throw ApiError::invalid(error.field(), error.why());
  }
  out.status = query.get("status").value_or("");
  if (!out.status.empty() && !is_meeting_status(out.status))
    throw ApiError::invalid("status", "must be scheduled, ongoing or ended");
  out.keyword = query.get("keyword").value_or("");
  if (out.keyword.size() > kMaxKeywordBytes)
    throw ApiError::invalid("keyword", "must be at most 100 bytes");
  out.mine = flag(query.get("mine"), "mine");
  return out;
}

}  // namespace meetgate::meeting
