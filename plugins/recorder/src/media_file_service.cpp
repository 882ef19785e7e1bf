#include "media_file_service.hpp"

#include <exception>
#include <string>

#include "api_error.hpp"

namespace meetgate::recorder {
namespace {

int64_t media_id_of(const json_t *request) {
  const json_t *value = json_object_get(request, "media_id");
  if (json_is_integer(value) && json_integer_value(value) > 0) return json_integer_value(value);
  if (json_is_string(value)) {
    std::string text = json_string_value(value);
    if (!text.empty() && text.size() <= 18 &&
        text.find_first_not_of("0123456789") == std::string::npos && std::stoll(text) > 0)
      return std::stoll(text);
  }
  throw ApiError(400, "media_id: must be a positive integer");
}

Caller caller_of(const json_t *request) {
  const json_t *user = json_object_get(request, "user_id");
  if (!json_is_integer(user) || json_integer_value(user) <= 0)
    throw ApiError(400, "user_id: must be a positive integer");
  const json_t *role = json_object_get(request, "role");
  if (role && !json_is_string(role)) throw ApiError(400, "role: must be user or admin");
  std::string role_text = role ? json_string_value(role) : "user";
  if (role_text != "user" && role_text != "admin")
    throw ApiError(400, "role: must be user or admin");
  return Caller{json_integer_value(user), "", role_text};
}

}  // namespace

int MediaFileService::lookup(const json_t *request, json_t **response) const {
  try {
    MediaFileRow row = media_.readable(caller_of(request), media_id_of(request));
    std::filesystem::path path;
    try {
      path = StoragePaths::resolve(paths_.media_root(), row.stored_name);
    } catch (const std::invalid_argument &) {
      throw ApiError(404, "media file not found", "stored name rejected");
    }
    *response =
        json_pack("{s:I,s:s,s:s,s:I,s:I,s:s}", "media_id", json_int_t(row.id), "path", path.c_str(),
                  "content_type", row.content_type.c_str(), "size", json_int_t(row.size_bytes),
                  "owner_id", json_int_t(row.owner_id), "filename", row.original_name.c_str());
    return 0;
  } catch (const ApiError &error) {
    std::string message = error.what();
    if (!error.detail().empty()) message += ": " + error.detail();
    *response = json_string(message.c_str());
    return error.status();
  } catch (const std::exception &error) {
    *response = json_string((std::string("media file lookup failed: ") + error.what()).c_str());
    return 503;
  }
}

int MediaFileService::call(void *opaque, const json_t *request, json_t **response) {
  return static_cast<const MediaFileService *>(opaque)->lookup(request, response);
}

}  // namespace meetgate::recorder
