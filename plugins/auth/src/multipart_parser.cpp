#include "multipart_parser.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace meetgate::auth {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Value of `key` in "type; a=1; key=\"quoted \\\" value\"" (case-insensitive
// key), or nullopt when absent or the parameter list is malformed.
std::optional<std::string> header_param(std::string_view header, std::string_view key) {
  size_t i = header.find(';');
  while (i != std::string_view::npos && i < header.size()) {
    ++i;  // past ';'
    size_t eq = header.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string name = lower(trim(header.substr(i, eq - i)));
    i = eq + 1;
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
    std::string value;
    if (i < header.size() && header[i] == '"') {
      for (++i; i < header.size() && header[i] != '"'; ++i) {
        if (header[i] == '\\' && i + 1 < header.size()) ++i;
        value += header[i];
      }
      if (i >= header.size()) return std::nullopt;  // unterminated quote
      ++i;
      i = header.find(';', i);
    } else {
      const size_t end = header.find(';', i);
      value = std::string(trim(header.substr(i, end == std::string_view::npos ? end : end - i)));
      i = end;
    }
    if (name == lower(key)) return value;
  }
  return std::nullopt;
}

bool valid_boundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') return false;
  return std::all_of(boundary.begin(), boundary.end(), [](unsigned char c) {
    return std::isalnum(c) || std::strchr("'()+_,-./:=? ", c) != nullptr;
  });
}

// Parses the header block of one part; returns an error text or "".
std::string parse_part_headers(std::string_view block, MultipartPart &part) {
  bool has_disposition = false;
  while (!block.empty()) {
    size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return "malformed part header";
    const std::string name = lower(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (lower(value.substr(0, value.find(';'))) != "form-data") {
        return "part is not form-data";
      }
      std::optional<std::string> field = header_param(value, "name");
      if (!field) return "part without a name";
      part.name = *field;
      part.filename = header_param(value, "filename").value_or("");
      has_disposition = true;
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    }
  }
  return has_disposition ? "" : "part without Content-Disposition";
}

}  // namespace

std::optional<std::string> MultipartParser::boundary_of(std::string_view content_type) {
  const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  if (lower(type) != "multipart/form-data") return std::nullopt;
  std::optional<std::string> boundary = header_param(content_type, "boundary");
  if (!boundary || !valid_boundary(*boundary)) return std::nullopt;
  return boundary;
}

MultipartParser::Outcome MultipartParser::parse(std::string_view body, std::string_view boundary,
                                                const Limits &limits) {
  Outcome outcome;
  const std::string delimiter = "--" + std::string(boundary);
  // The first delimiter may be preceded by a preamble; later ones follow CRLF.
  size_t pos = 0;
  if (body.starts_with(delimiter)) {
    pos = delimiter.size();
  } else {
    const size_t found = body.find("\r\n" + delimiter);
    if (found == std::string_view::npos) {
      outcome.error = "multipart body without the boundary";
      return outcome;
    }
    pos = found + 2 + delimiter.size();
  }
  const std::string next_delimiter = "\r\n" + delimiter;
  while (true) {
    if (body.substr(pos, 2) == "--") return outcome;  // closing delimiter
    // Transport padding after the delimiter, then CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") {
      outcome.error = "malformed multipart delimiter line";
      return outcome;
    }
    pos += 2;
    if (outcome.parts.size() >= limits.max_parts) {
      outcome.error = "too many multipart parts";
      return outcome;
    }
    const size_t header_end = body.find("\r\n\r\n", pos);
    const bool no_headers = body.substr(pos, 2) == "\r\n";
    if (!no_headers &&
        (header_end == std::string_view::npos || header_end - pos > limits.max_part_header_bytes)) {
      outcome.error = "multipart part headers missing or too large";
      return outcome;
    }
    MultipartPart part;
    std::string_view headers = no_headers ? std::string_view() : body.substr(pos, header_end - pos);
    if (std::string error = parse_part_headers(headers, part); !error.empty()) {
      outcome.error = error;
      return outcome;
    }
    const size_t data_start = no_headers ? pos + 2 : header_end + 4;
    const size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) {
      outcome.error = "multipart body is truncated (no closing boundary)";
      return outcome;
    }
    part.data = body.substr(data_start, data_end - data_start);
    outcome.parts.push_back(std::move(part));
    pos = data_end + next_delimiter.size();
  }
}

}  // namespace meetgate::auth
