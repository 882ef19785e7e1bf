#include "multipart_form.hpp"

#include <strings.h>

#include <stdexcept>

namespace meetgate::recorder {
namespace {

std::string boundary_of(std::string_view content_type) {
  if (content_type.size() < 19 || strncasecmp(content_type.data(), "multipart/form-data", 19) != 0)
    throw std::invalid_argument("Content-Type must be multipart/form-data");
  size_t at = content_type.find("boundary=");
  if (at == std::string_view::npos) throw std::invalid_argument("multipart boundary missing");
  std::string_view value = content_type.substr(at + 9);
  value = value.substr(0, value.find(';'));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  if (value.empty() || value.size() > 70) throw std::invalid_argument("bad multipart boundary");
  return std::string(value);
}

// name="x" / filename="y" inside a Content-Disposition value.
std::optional<std::string> parameter(std::string_view header, std::string_view key) {
  std::string needle = " " + std::string(key) + "=\"";
  size_t at = header.find(needle);
  if (at == std::string_view::npos) {
    needle = ";" + needle.substr(1);
    at = header.find(needle);
  }
  if (at == std::string_view::npos) return std::nullopt;
  size_t start = at + needle.size(), end = header.find('"', start);
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(header.substr(start, end - start));
}

FormPart parse_part(std::string_view part) {
  size_t headers_end = part.find("\r\n\r\n");
  if (headers_end == std::string_view::npos) throw std::invalid_argument("multipart part headers");
  std::string_view headers = part.substr(0, headers_end);
  FormPart result;
  result.data = part.substr(headers_end + 4);
  size_t line_start = 0;
  while (line_start < headers.size()) {
    size_t line_end = headers.find("\r\n", line_start);
    if (line_end == std::string_view::npos) line_end = headers.size();
    std::string_view line = headers.substr(line_start, line_end - line_start);
    if (line.size() > 20 && strncasecmp(line.data(), "Content-Disposition:", 20) == 0) {
      result.name = parameter(line, "name").value_or("");
      result.filename = parameter(line, "filename");
    }
    line_start = line_end + 2;
  }
  return result;
}

}  // namespace

std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body) {
  std::string delimiter = "--" + boundary_of(content_type);
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) throw std::invalid_argument("multipart body has no parts");
  std::vector<FormPart> parts;
  std::string next = "\r\n" + delimiter;
  at += delimiter.size();
  while (true) {
    if (body.substr(at, 2) == "--") return parts;  // closing delimiter
    if (body.substr(at, 2) != "\r\n") throw std::invalid_argument("malformed multipart delimiter");
    at += 2;
    size_t end = body.find(next, at);
    if (end == std::string_view::npos) throw std::invalid_argument("multipart body is truncated");
    parts.push_back(parse_part(body.substr(at, end - at)));
    at = end + next.size();
  }
}

}  // namespace meetgate::recorder
