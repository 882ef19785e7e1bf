#include "percent_encoding.hpp"

#include <cctype>

namespace meetgate::transport {

bool has_valid_percent_escapes(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    if (i + 2 >= text.size()) return false;
    if (!std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      return false;
    }
    i += 2;
  }
  return true;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded.push_back(c);
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[byte >> 4]);
      encoded.push_back(kHex[byte & 0x0f]);
    }
  }
  return encoded;
}

std::string encode_query_pieces(const std::string *pieces, size_t count) {
  std::string query;
  for (size_t i = 0; i < count; ++i) {
    const std::string &piece = pieces[i];
    if (!query.empty()) query.push_back('&');
    size_t equals = piece.find('=');
    if (equals == std::string::npos) {
      query += percent_encode(piece);
    } else {
      query += percent_encode(std::string_view(piece).substr(0, equals));
      query.push_back('=');
      query += percent_encode(std::string_view(piece).substr(equals + 1));
    }
  }
  return query;
}

}  // namespace meetgate::transport
