// A strict multipart/form-data parser (RFC 7578) over a complete body in
// memory. Parts are views into the body; nothing is copied. Limits bound the
// work a hostile body can cause.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meetgate::auth {

struct MultipartPart {
  std::string name;          // Content-Disposition name
  std::string filename;      // "" for plain fields
  std::string content_type;  // as sent; "" when absent
  std::string_view data;
};

class MultipartParser {
 public:
  struct Limits {
    size_t max_parts = 16;
    size_t max_part_header_bytes = 4096;
  };

  struct Outcome {
    std::vector<MultipartPart> parts;
    std::string error;  // "" on success
    bool ok() const { return error.empty(); }
  };

  // The boundary of a "multipart/form-data; boundary=..." content type, or
  // nullopt when the type is another one or the boundary is missing/invalid.
  static std::optional<std::string> boundary_of(std::string_view content_type);

  static Outcome parse(std::string_view body, std::string_view boundary, const Limits &limits);
  static Outcome parse(std::string_view body, std::string_view boundary) {
    return parse(body, boundary, Limits{});
  }
};

}  // namespace meetgate::auth
