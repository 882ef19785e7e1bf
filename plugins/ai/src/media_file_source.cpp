#include "media_file_source.hpp"

#include <fstream>

#include "api_error.hpp"
#include "json_ptr.hpp"

namespace meetgate::ai {
namespace {

// Checked here too so a bad id is a 400 naming the body's field, not the
// service's "media_id".
json_t *media_id_request(const json_t *media_id, const Caller &caller) {
  json_t *id = nullptr;
  if (json_is_integer(media_id) && json_integer_value(media_id) > 0) {
    id = json_integer(json_integer_value(media_id));
  } else if (json_is_string(media_id)) {
    std::string text = json_string_value(media_id);
    if (!text.empty() && text.size() <= 18 &&
        text.find_first_not_of("0123456789") == std::string::npos)
      id = json_string(text.c_str());
  }
  if (!id) throw ApiError::invalid("media_file_id", "must be a positive integer");
  return json_pack("{s:o,s:I,s:s}", "media_id", id, "user_id", json_int_t(caller.user_id), "role",
                   caller.is_admin() ? "admin" : "user");
}

std::string read_file(const std::string &path, std::size_t size) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw ApiError(503, "media file unreadable", "the stored file is missing or truncated");
  return bytes;
}

}  // namespace

MediaFile MediaFileSource::load(const json_t *media_id, const Caller &caller) const {
  infer::JsonPtr request = infer::json_take(media_id_request(media_id, caller));
  json_t *raw = nullptr;
  int status = core_->call_service("recorder.media_file", request.get(), &raw);
  infer::JsonPtr response = infer::json_take(raw);
  if (status != 0) {
    std::string why = json_is_string(response.get()) ? json_string_value(response.get()) : "";
    if (status == 404) throw ApiError(404, "media file not found", why);
    if (status == 403) throw ApiError(403, "forbidden", why);
    if (status == 400) throw ApiError::invalid("media_file_id", why);
    throw ApiError(503, "media files unavailable", why.empty() ? "no recorder plugin" : why);
  }
  json_int_t size = json_integer_value(json_object_get(response.get(), "size"));
  if (size < 0 || static_cast<uint64_t>(size) > max_bytes_)
    throw ApiError(413, "media file too large",
                   "limit is " + std::to_string(max_bytes_) + " bytes for analysis");
  MediaFile file;
  file.id = json_integer_value(json_object_get(response.get(), "media_id"));
  file.content_type = infer::json_string_field(response.get(), "content_type");
  file.filename = infer::json_string_field(response.get(), "filename");
  file.bytes =
      read_file(infer::json_string_field(response.get(), "path"), static_cast<std::size_t>(size));
  return file;
}

}  // namespace meetgate::ai
