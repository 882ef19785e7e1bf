#include <charconv>
#include <meetgate/pluginkit/invalid_field.hpp>
#include <meetgate/pluginkit/pagination.hpp>

namespace meetgate::pluginkit {
namespace {

int64_t positive(const std::optional<std::string> &text, const char *field, int64_t fallback,
                 int64_t maximum) {
  if (!text || text->empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1) {
    throw InvalidField(field, "must be a positive integer", maximum);
  }
  if (value > maximum) {
    throw InvalidField(field, "must be at most " + std::to_string(maximum), maximum);
  }
  return value;
}

}  // namespace

Pagination Pagination::parse(const std::optional<std::string> &page,
                             const std::optional<std::string> &page_size) {
  Pagination out;
  out.page = positive(page, "page", 1, kMaxPage);
  out.page_size = positive(page_size, "page_size", kDefaultPageSize, kMaxPageSize);
  return out;
}

int64_t Pagination::total_pages(int64_t total, int64_t page_size) {
  if (total <= 0 || page_size <= 0) return 0;
  return (total + page_size - 1) / page_size;
}

json_t *Pagination::envelope(json_t *list, int64_t total) const {
  json_t *out = json_object();
  json_object_set_new(out, "list", list);
  json_object_set_new(out, "total", json_integer(total));
  json_object_set_new(out, "page", json_integer(page));
  json_object_set_new(out, "page_size", json_integer(page_size));
  json_object_set_new(out, "total_pages", json_integer(total_pages(total, page_size)));
  return out;
}

}  // namespace meetgate::pluginkit
