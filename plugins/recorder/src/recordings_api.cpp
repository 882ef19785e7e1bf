#include "recordings_api.hpp"

#include "access_policy.hpp"
#include "api_error.hpp"
#include "file_download.hpp"
#include "page_query.hpp"

namespace meetgate::recorder {
namespace {

std::string meeting_id_of(const json_t *body) {
  const json_t *value = json_object_get(body, "meeting_id");
  if (json_is_string(value) && json_string_length(value) > 0 && json_string_length(value) <= 64)
    return json_string_value(value);
  if (json_is_integer(value) && json_integer_value(value) > 0)
    return std::to_string(json_integer_value(value));
  throw ApiError::invalid("meeting_id", "required: the meeting's id or meeting_id");
}

int64_t recording_id_of(const json_t *body) {
  const json_t *value = json_object_get(body, "recording_id");
  if (json_is_integer(value) && json_integer_value(value) > 0) return json_integer_value(value);
  if (json_is_string(value)) {
    char *end = nullptr;
    long long id = std::strtoll(json_string_value(value), &end, 10);
    if (end && *end == '\0' && id > 0) return id;
  }
  throw ApiError::invalid("recording_id", "required: a positive integer");
}

}  // namespace

RecordingRow RecordingsApi::readable(const Caller &caller, int64_t id) {
  auto row = store_.get(id);
  if (!row) throw ApiError(404, "recording not found", "no recording " + std::to_string(id));
  if (caller.is_admin() || row->started_by == caller.user_id) return *row;
  MeetingRole role = access_.role_of(caller.user_id, row->meeting_id);
  if (!may_access_file(caller, row->started_by, role.role))
    throw ApiError(403, "forbidden", "only the meeting's hosts, the owner or an admin");
  return *row;
}

json_t *RecordingsApi::describe(const RecordingRow &row) {
  json_t *out = row.to_json();
  json_t *files = json_array();
  for (const auto &file : store_.files(row.id)) json_array_append_new(files, file.to_json());
  json_object_set_new(out, "files", files);
  return out;
}

void RecordingsApi::start(pluginkit::HttpExchange &call, const Caller &caller, const json_t *body) {
  std::string meeting = meeting_id_of(body);
  std::string mode = text_of(json_object_get(body, "mode"), "tracks");
  if (mode != "tracks" && mode != "composite" && mode != "both")
    throw ApiError::invalid("mode", "one of tracks, composite, both");
  MeetingRole role = access_.role_of(caller.user_id, meeting);
  if (role.status == 404) throw ApiError(404, "meeting not found", meeting);
  if (role.status == 503) throw ApiError(503, "meeting service unavailable", role.message);
  if (!may_control_recording(caller, role.role))
    throw ApiError(403, "forbidden", "only the meeting's host, a co-host or an admin");
  std::string key = role.meeting_id.empty() ? meeting : role.meeting_id;
  RecordingRow row = manager_.start(key, role.id, mode, caller.user_id);
  call.reply(200, "recording started", describe(row));
}

void RecordingsApi::stop(pluginkit::HttpExchange &call, const Caller &caller, const json_t *body) {
  int64_t id = recording_id_of(body);
  auto row = store_.get(id);
  if (!row) throw ApiError(404, "recording not found", "no recording " + std::to_string(id));
  if (!caller.is_admin() && row->started_by != caller.user_id) {
    MeetingRole role = access_.role_of(caller.user_id, row->meeting_id);
    if (!may_control_recording(caller, role.role))
      throw ApiError(403, "forbidden", "only the meeting's host, a co-host or an admin");
  }
  if (!manager_.stop(id, "stopped", ""))
    throw ApiError(409, "recording is not running", "status: " + row->status);
  call.reply(200, "recording stopped", describe(*store_.get(id)));
}

void RecordingsApi::list(pluginkit::HttpExchange &call, const Caller &caller) {
  PageQuery page = PageQuery::parse(call.query());
  std::string meeting = call.query().get("meeting_id").value_or("");
  if (meeting.size() > 64) throw ApiError::invalid("meeting_id", "too long");
  int64_t only_by = caller.user_id;  // by default: the recordings the caller started
  if (caller.is_admin()) {
    only_by = 0;
  } else if (!meeting.empty()) {
    MeetingRole role = access_.role_of(caller.user_id, meeting);
    if (is_meeting_host_role(role.role)) {
      only_by = 0;
      meeting = role.meeting_id.empty() ? meeting : role.meeting_id;
    }
  }
  int64_t total = 0;
  json_t *items = json_array();
  for (const auto &row : store_.list(meeting, only_by, page.offset(), page.page_size, total))
    json_array_append_new(items, describe(row));
  call.reply(200, "ok", page.envelope(items, total));
}

void RecordingsApi::status(pluginkit::HttpExchange &call, const Caller &caller, int64_t id) {
  call.reply(200, "ok", describe(readable(caller, id)));
}

void RecordingsApi::download(pluginkit::HttpExchange &call, const Caller &caller, int64_t id,
                             int64_t file_id) {
  RecordingRow row = readable(caller, id);
  std::optional<RecordingFileRow> file;
  if (file_id > 0) {
    file = store_.file(row.id, file_id);
  } else {
    for (const auto &candidate : store_.files(row.id))
      if (!file || (candidate.kind == "composite" && file->kind != "composite")) file = candidate;
  }
  if (!file) throw ApiError(404, "file not found", "no such file in recording");
  std::filesystem::path path;
  try {
    path = StoragePaths::resolve(paths_.recordings_root(), file->stored_name);
  } catch (const std::invalid_argument &) {
    throw ApiError(404, "file not found", "stored name rejected");
  }
  std::string name = "recording-" + std::to_string(row.id) + "-" + std::to_string(file->id) +
                     path.extension().string();
  send_file(call, path, file->content_type, name);
}

void RecordingsApi::remove(pluginkit::HttpExchange &call, const Caller &caller, int64_t id) {
  RecordingRow row = readable(caller, id);
  manager_.stop(id, "stopped", "deleted");  // finalize first if it is running
  std::error_code ignored;
  std::filesystem::remove_all(paths_.recordings_root() / std::to_string(row.id), ignored);
  store_.remove(row.id);
  call.reply(200, "recording deleted", json_pack("{s:I}", "id", static_cast<json_int_t>(row.id)));
}

}  // namespace meetgate::recorder
