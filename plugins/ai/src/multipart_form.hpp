// A multipart/form-data body (RFC 7578) split into its parts: name,
// filename, content type and bytes. Malformed bodies are 400s.
#pragma once

#include <string>
#include <vector>

namespace meetgate::ai {

class MultipartForm {
 public:
  struct Part {
    std::string name;
    std::string filename;
    std::string content_type;
    std::string body;
  };

  // Throws ApiError(400) when the boundary is missing or a part is malformed.
  MultipartForm(const std::string &content_type, const std::string &body);
  const std::vector<Part> &parts() const { return parts_; }

 private:
  static Part parse_part(const std::string &raw);
  std::vector<Part> parts_;
};

}  // namespace meetgate::ai
