#include <charconv>
#include <meetgate/storage/database.hpp>

namespace meetgate::storage {
namespace {
const std::optional<std::string> kNull;
}

Row::Row(std::shared_ptr<const std::vector<std::string>> names,
         std::vector<std::optional<std::string>> cells)
    : names_(std::move(names)), cells_(std::move(cells)) {}

const std::optional<std::string> &Row::at(size_t index) const {
  if (index >= cells_.size())
    throw Error("column index " + std::to_string(index) + " out of range");
  return cells_[index];
}

const std::optional<std::string> &Row::at(std::string_view name) const {
  for (size_t i = 0; i < names_->size() && i < cells_.size(); ++i) {
    if ((*names_)[i] == name) return cells_[i];
  }
  throw Error("no column named '" + std::string(name) + "' in the result");
}

std::string Row::text(std::string_view name, std::string fallback) const {
  const auto &cell = at(name);
  return cell ? *cell : fallback;
}

int64_t Row::integer(std::string_view name, int64_t fallback) const {
  const auto &cell = at(name);
  if (!cell || cell->empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), value);
  // PostgreSQL renders booleans as "t"/"f" and numerics may carry a fraction.
  if (ec != std::errc()) {
    if (*cell == "t" || *cell == "true") return 1;
    if (*cell == "f" || *cell == "false") return 0;
    return fallback;
  }
  (void)end;
  return value;
}

bool Row::is_null(std::string_view name) const {
  return !at(name).has_value();
}

}  // namespace meetgate::storage
