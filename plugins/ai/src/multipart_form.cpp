#include "multipart_form.hpp"

#include <strings.h>

#include "api_error.hpp"

namespace meetgate::ai {
namespace {

std::string parameter(const std::string &header, const std::string &key) {
  std::size_t at = 0;
  while ((at = header.find(key + "=", at)) != std::string::npos) {
    bool starts_word = at == 0 || header[at - 1] == ';' || header[at - 1] == ' ';
    at += key.size() + 1;
    if (!starts_word) continue;
    if (at < header.size() && header[at] == '"') {
      std::size_t end = header.find('"', at + 1);
      if (end == std::string::npos) return "";
      return header.substr(at + 1, end - at - 1);
    }
    std::size_t end = header.find(';', at);
    return header.substr(at, end == std::string::npos ? std::string::npos : end - at);
  }
  return "";
}

}  // namespace

MultipartForm::MultipartForm(const std::string &content_type, const std::string &body) {
  if (strncasecmp(content_type.c_str(), "multipart/form-data", 19) != 0)
    throw ApiError(400, "invalid request body", "expected multipart/form-data");
  std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200)
    throw ApiError(400, "invalid request body", "multipart boundary missing");
  const std::string delimiter = "--" + boundary;
  std::size_t at = body.find(delimiter);
  if (at == std::string::npos) throw ApiError(400, "invalid request body", "no multipart part");
  for (;;) {
    at += delimiter.size();
    if (body.compare(at, 2, "--") == 0) break;  // closing delimiter
    if (body.compare(at, 2, "\r\n") != 0)
      throw ApiError(400, "invalid request body", "malformed multipart delimiter");
    at += 2;
    std::size_t next = body.find("\r\n" + delimiter, at);
    if (next == std::string::npos)
      throw ApiError(400, "invalid request body", "multipart body not terminated");
    parts_.push_back(parse_part(body.substr(at, next - at)));
    at = next + 2;
    if (parts_.size() > 32) throw ApiError(400, "invalid request body", "too many parts");
  }
}

MultipartForm::Part MultipartForm::parse_part(const std::string &raw) {
  std::size_t headers_end = raw.find("\r\n\r\n");
  if (headers_end == std::string::npos)
    throw ApiError(400, "invalid request body", "multipart part without headers");
  Part part;
  std::size_t line_start = 0;
  while (line_start < headers_end) {
    std::size_t line_end = raw.find("\r\n", line_start);
    std::string line = raw.substr(line_start, line_end - line_start);
    line_start = line_end + 2;
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (strcasecmp(name.c_str(), "Content-Disposition") == 0) {
      part.name = parameter(value, "name");
      part.filename = parameter(value, "filename");
    } else if (strcasecmp(name.c_str(), "Content-Type") == 0) {
      part.content_type = value;
    }
  }
  if (part.name.empty()) throw ApiError(400, "invalid request body", "multipart part has no name");
  part.body = raw.substr(headers_end + 4);
  return part;
}

}  // namespace meetgate::ai
