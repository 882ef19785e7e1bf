#include "media_api.hpp"

#include <fstream>

#include "access_policy.hpp"
#include "api_error.hpp"
#include "content_sniffer.hpp"
#include "file_download.hpp"
#include "json_ref.hpp"
#include "multipart_form.hpp"
#include "page_query.hpp"

namespace meetgate::recorder {
namespace {

// The client's file name, kept only as metadata (never a path): the last
// path component, printable, at most 255 bytes.
std::string display_name(const std::string &name) {
  std::string base =
      name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string out;
  for (char c : base)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  if (out.size() > 255) out.resize(255);
  return out.empty() ? "upload" : out;
}

}  // namespace

MediaFileRow MediaApi::readable(const Caller &caller, int64_t id) const {
  auto row = store_.get(id);
  if (!row) throw ApiError(404, "media file not found", "no media file " + std::to_string(id));
  if (caller.is_admin() || row->owner_id == caller.user_id) return *row;
  std::string role =
      row->meeting_id.empty() ? "" : access_.role_of(caller.user_id, row->meeting_id).role;
  if (!may_access_file(caller, row->owner_id, role))
    throw ApiError(403, "forbidden", "only the owner, the meeting's hosts or an admin");
  return *row;
}

void MediaApi::write_file(const std::filesystem::path &path, std::string_view data) {
  std::filesystem::path partial = path;
  partial += ".part";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      throw ApiError(507, "cannot store the file", "disk write failed");
    }
  }
  std::filesystem::rename(partial, path);  // never a half-written file under its name
}

void MediaApi::upload(pluginkit::HttpExchange &call, const Caller &caller) {
  std::vector<FormPart> parts;
  try {
    parts = parse_multipart(call.header("Content-Type").value_or(""), call.body());
  } catch (const std::invalid_argument &error) {
    throw ApiError::invalid("file", error.what());
  }
  const FormPart *file = nullptr;
  std::string meeting;
  for (const FormPart &part : parts) {
    if (part.name == "meeting_id" && !part.filename)
      meeting = std::string(part.data);
    else if (!file && part.filename && (part.name == "file" || part.name == "media"))
      file = &part;
  }
  if (!file) throw ApiError::invalid("file", "a multipart field 'file' with a filename");
  if (file->data.empty()) throw ApiError::invalid("file", "empty file");
  if (static_cast<int64_t>(file->data.size()) > config_.max_upload_bytes)
    throw ApiError(413, "file too large",
                   "limit is " + std::to_string(config_.max_upload_bytes) + " bytes");
  if (config_.disk_quota_bytes > 0 &&
      paths_.used_bytes() + file->data.size() > static_cast<uint64_t>(config_.disk_quota_bytes))
    throw ApiError(507, "disk quota exceeded", "no space left for media files");
  if (!meeting.empty()) {
    MeetingRole role = access_.role_of(caller.user_id, meeting);
    if (role.status == 404) throw ApiError(404, "meeting not found", meeting);
    if (role.status != 0 && !caller.is_admin())
      throw ApiError(403, "forbidden", "not a participant of the meeting");
    if (!role.meeting_id.empty()) meeting = role.meeting_id;
  }
  SniffedType type = sniff_content_type(file->data.substr(0, 512));
  MediaFileRow row;
  row.owner_id = caller.user_id;
  row.meeting_id = meeting;
  row.original_name = display_name(*file->filename);
  row.stored_name = StoragePaths::generate_name(type.extension);
  row.content_type = type.mime;
  row.size_bytes = static_cast<int64_t>(file->data.size());
  std::filesystem::path path = StoragePaths::resolve(paths_.media_root(), row.stored_name);
  write_file(path, file->data);
  try {
    row.id = store_.create(row);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    throw;
  }
  row.created_at = store_.get(row.id)->created_at;
  call.reply(200, "file uploaded", row.to_json());
}

void MediaApi::download(pluginkit::HttpExchange &call, const Caller &caller, int64_t id) {
  MediaFileRow row = readable(caller, id);
  std::filesystem::path path;
  try {
    path = StoragePaths::resolve(paths_.media_root(), row.stored_name);
  } catch (const std::invalid_argument &) {
    throw ApiError(404, "media file not found", "stored name rejected");
  }
  send_file(call, path, row.content_type, row.original_name);
}

void MediaApi::info(pluginkit::HttpExchange &call, const Caller &caller, int64_t id) {
  call.reply(200, "ok", readable(caller, id).to_json());
}

void MediaApi::list(pluginkit::HttpExchange &call, const Caller &caller) {
  PageQuery page = PageQuery::parse(call.query());
  int64_t total = 0;
  json_t *items = json_array();
  for (const auto &row : store_.list_by_owner(caller.user_id, page.offset(), page.page_size, total))
    json_array_append_new(items, row.to_json());
  call.reply(200, "ok", page.envelope(items, total));
}

void MediaApi::remove(pluginkit::HttpExchange &call, const Caller &caller, int64_t id) {
  MediaFileRow row = readable(caller, id);
  store_.remove(row.id);
  std::error_code ignored;
  std::filesystem::remove(StoragePaths::resolve(paths_.media_root(), row.stored_name), ignored);
  call.reply(200, "media file deleted", json_pack("{s:I}", "id", static_cast<json_int_t>(row.id)));
}

}  // namespace meetgate::recorder
