// multipart/form-data (RFC 7578) as uploads send it: the parts of a
// complete request body, each with its field name, optional file name and
// bytes (views into the body, which must outlive the parts).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meetgate::recorder {

struct FormPart {
  std::string name;
  std::optional<std::string> filename;
  std::string_view data;
};

// Throws std::invalid_argument when the content type has no boundary or the
// body is not well-formed multipart.
std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace meetgate::recorder
