#include "file_download.hpp"

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

void send_file(pluginkit::HttpExchange &call, const std::filesystem::path &path,
               const std::string &content_type, const std::string &download_name) {
  std::error_code error;
  uint64_t size = std::filesystem::file_size(path, error);
  if (error) throw ApiError(404, "file not found", "the stored file is missing");
  ByteRange range;
  std::string disposition = "attachment; filename=\"" + quoted_name(download_name) + "\"";
  if (parse_byte_range(call.header("Range"), size, range) == RangeResult::kUnsatisfiable) {
    std::string unsatisfied = "bytes */" + std::to_string(size);
    call.add_header("Content-Range", unsatisfied);
    call.add_header("Accept-Ranges", "bytes");
    call.reply(416, "range not satisfiable", json_string(unsatisfied.c_str()));
    return;
  }
  call.add_header("Accept-Ranges", "bytes");
  call.add_header("Content-Disposition", disposition);
  if (range.partial) call.add_header("Content-Range", range.content_range(size));
  call.reply_file(path.string(), content_type.c_str(), range.offset, range.length,
                  range.partial ? 206 : 200);
}

}  // namespace meetgate::recorder
