#include "file_download.hpp"

#include <vector>

#include "api_error.hpp"
#include "byte_range.hpp"

namespace meetgate::recorder {
namespace {

// A file name safe inside a quoted Content-Disposition parameter.
std::string quoted_name(const std::string &name) {
  std::string out;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\' && c != 0x7F) out += c;
  return out.empty() ? "download" : out;
}

}  // namespace

void send_file(HttpCall &call, const std::filesystem::path &path, const std::string &content_type,
               const std::string &download_name) {
  std::error_code error;
  uint64_t size = std::filesystem::file_size(path, error);
  if (error) throw ApiError(404, "file not found", "the stored file is missing");
  ByteRange range;
  std::string disposition = "attachment; filename=\"" + quoted_name(download_name) + "\"";
  if (parse_byte_range(call.header("Range"), size, range) == RangeResult::kUnsatisfiable) {
    std::string unsatisfied = "bytes */" + std::to_string(size);
    std::vector<mg_header> headers = {{"Content-Range", unsatisfied.c_str()},
                                      {"Accept-Ranges", "bytes"}};
    std::string body =
        "{\"code\":416,\"message\":\"range not satisfiable\",\"error\":\"" + unsatisfied + "\"}";
    mg_http_response response{};
    response.status = 416;
    response.content_type = "application/json";
    response.headers = headers.data();
    response.header_count = headers.size();
    response.body = reinterpret_cast<const uint8_t *>(body.data());
    response.body_len = body.size();
    call.send_raw(response);
    return;
  }
  std::string content_range = range.partial ? range.content_range(size) : "";
  std::vector<mg_header> headers = {{"Accept-Ranges", "bytes"},
                                    {"Content-Disposition", disposition.c_str()}};
  if (range.partial) headers.push_back({"Content-Range", content_range.c_str()});
  std::string file = path.string();
  mg_http_response response{};
  response.status = range.partial ? 206 : 200;
  response.content_type = content_type.c_str();
  response.headers = headers.data();
  response.header_count = headers.size();
  response.file_path = file.c_str();
  response.file_offset = range.offset;
  response.file_length = range.length;
  call.send_raw(response);
}

}  // namespace meetgate::recorder
