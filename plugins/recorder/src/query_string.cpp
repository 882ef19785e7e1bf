#include "query_string.hpp"

namespace meetgate::recorder {
namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string QueryString::decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);  // a stray '%' stays as typed
    }
  }
  return out;
}

QueryString::QueryString(std::string_view raw) {
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view pair = raw.substr(start, end - start);
    if (!pair.empty()) {
      size_t equals = pair.find('=');
      std::string name = decode(pair.substr(0, equals));
      std::string value = equals == std::string_view::npos ? "" : decode(pair.substr(equals + 1));
      values_.emplace(std::move(name), std::move(value));
    }
    start = end + 1;
  }
}

std::optional<std::string> QueryString::get(const std::string &name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

}  // namespace meetgate::recorder
