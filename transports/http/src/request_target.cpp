#include "request_target.hpp"

#include "support/percent_encoding.hpp"

namespace meetgate::transport {
namespace {

bool is_control(unsigned char byte) {
  return byte < 0x20 || byte == 0x7f;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Control characters in `text`, raw or percent-encoded (%00, %0A, ...): a
// decoded NUL would cut the path short, a newline would forge log lines.
bool has_control_characters(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_control(static_cast<unsigned char>(text[i]))) return true;
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0 && is_control(static_cast<unsigned char>(high * 16 + low))) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

RequestTarget inspect_request_target(std::string_view raw_uri, std::string_view decoded_path) {
  RequestTarget target;
  if (raw_uri.empty() || raw_uri.front() != '/') {
    target.error = "request target must be an absolute path";
    return target;
  }
  size_t question = raw_uri.find('?');
  std::string_view raw_path = raw_uri.substr(0, question);
  if (question != std::string_view::npos) {
    std::string_view query = raw_uri.substr(question + 1);
    query = query.substr(0, query.find('#'));
    target.query = std::string(query);
  }
  if (!has_valid_percent_escapes(raw_path) || !has_valid_percent_escapes(target.query)) {
    target.error = "malformed percent-encoding in the request target";
  } else if (has_control_characters(raw_path) || has_control_characters(decoded_path)) {
    target.error = "control characters in the request target";
  }
  return target;
}

}  // namespace meetgate::transport
