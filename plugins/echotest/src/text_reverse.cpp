#include "text_reverse.hpp"

namespace meetgate::echotest {

namespace {
// A UTF-8 continuation byte is 10xxxxxx; it belongs to the code point
// started by the last non-continuation byte before it.
bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}
}  // namespace

std::string reverse_utf8(std::string_view utf8) {
  std::string reversed;
  reversed.reserve(utf8.size());
  size_t end = utf8.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && is_continuation(static_cast<unsigned char>(utf8[start]))) {
      --start;
    }
    reversed.append(utf8.substr(start, end - start));
    end = start;
  }
  return reversed;
}

}  // namespace meetgate::echotest
