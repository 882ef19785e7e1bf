#include "statements.hpp"

#include <cstdio>

namespace meetgate::storage {

std::vector<std::string> split_statements(std::string_view script) {
  std::vector<std::string> statements;
  size_t start = 0;
  while (start <= script.size()) {
    size_t end = script.find(';', start);
    if (end == std::string_view::npos) end = script.size();
    std::string_view piece = script.substr(start, end - start);
    auto first = piece.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos) {
      auto last = piece.find_last_not_of(" \t\r\n");
      statements.emplace_back(piece.substr(first, last - first + 1));
    }
    start = end + 1;
  }
  return statements;
}

std::optional<std::string> value_as_text(const Value &value) {
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  if (const auto *integer = std::get_if<int64_t>(&value)) return std::to_string(*integer);
  if (const auto *real = std::get_if<double>(&value)) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", *real);
    return std::string(buffer);
  }
  return std::get<std::string>(value);
}

}  // namespace meetgate::storage
