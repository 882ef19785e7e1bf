#include "byte_range.hpp"

#include <cctype>
#include <string_view>

namespace meetgate::recorder {
namespace {

// Digits only (no sign, no spaces), without overflow.
bool parse_number(std::string_view text, uint64_t &value) {
  if (text.empty() || text.size() > 19) return false;
  value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string ByteRange::content_range(uint64_t size) const {
  return "bytes " + std::to_string(offset) + "-" + std::to_string(offset + length - 1) + "/" +
         std::to_string(size);
}

RangeResult parse_byte_range(const std::optional<std::string> &header, uint64_t size,
                             ByteRange &range) {
  range = ByteRange{0, size, false};
  if (!header) return RangeResult::kOk;
  std::string_view spec = trim(*header);
  constexpr std::string_view unit = "bytes=";
  // Another unit, or several ranges: ignore Range and send everything.
  if (spec.substr(0, unit.size()) != unit) return RangeResult::kOk;
  spec = trim(spec.substr(unit.size()));
  if (spec.find(',') != std::string_view::npos) return RangeResult::kOk;
  size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeResult::kUnsatisfiable;
  std::string_view first_text = trim(spec.substr(0, dash)), last_text = trim(spec.substr(dash + 1));
  uint64_t first = 0, last = 0;
  if (first_text.empty()) {  // suffix: the last N bytes
    if (!parse_number(last_text, last) || last == 0 || size == 0)
      return RangeResult::kUnsatisfiable;
    uint64_t length = last < size ? last : size;
    range = ByteRange{size - length, length, true};
    return RangeResult::kOk;
  }
  if (!parse_number(first_text, first) || first >= size) return RangeResult::kUnsatisfiable;
  if (last_text.empty()) {
    last = size - 1;
  } else if (!parse_number(last_text, last) || last < first) {
    return RangeResult::kUnsatisfiable;
  }
  if (last >= size) last = size - 1;
  range = ByteRange{first, last - first + 1, true};
  return RangeResult::kOk;
}

}  // namespace meetgate::recorder
