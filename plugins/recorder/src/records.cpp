#include "records.hpp"

#include <ctime>

namespace meetgate::recorder {
namespace {

json_t *text_or_null(const std::string &text) {
  return text.empty() ? json_null() : json_string(text.c_str());
}

}  // namespace

json_t *RecordingRow::to_json() const {
  return json_pack(
      "{s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:o,s:I,s:f,s:I,s:s}", "id", static_cast<json_int_t>(id),
      "recording_id", static_cast<json_int_t>(id), "meeting_id", meeting_id.c_str(), "mode",
      mode.c_str(), "status", status.c_str(), "started_by", static_cast<json_int_t>(started_by),
      "started_at", started_at.c_str(), "stopped_at", text_or_null(stopped_at), "duration_ms",
      static_cast<json_int_t>(duration_ms), "duration", static_cast<double>(duration_ms) / 1000.0,
      "size_bytes", static_cast<json_int_t>(size_bytes), "error", error.c_str());
}

json_t *RecordingFileRow::to_json() const {
  std::string url =
      "/api/v1/recordings/" + std::to_string(recording_id) + "/files/" + std::to_string(id);
  return json_pack(
      "{s:I,s:s,s:I,s:s,s:s,s:I,s:s,s:s,s:I,s:I,s:f,s:s,s:s,s:o,s:s}", "id",
      static_cast<json_int_t>(id), "kind", kind.c_str(), "user_id",
      static_cast<json_int_t>(user_id), "producer_id", producer_id.c_str(), "track_kind",
      track_kind.c_str(), "segment", static_cast<json_int_t>(segment), "content_type",
      content_type.c_str(), "codec", codec.c_str(), "size_bytes",
      static_cast<json_int_t>(size_bytes), "duration_ms", static_cast<json_int_t>(duration_ms),
      "duration", static_cast<double>(duration_ms) / 1000.0, "status", status.c_str(), "created_at",
      created_at.c_str(), "finished_at", text_or_null(finished_at), "download_url", url.c_str());
}

json_t *MediaFileRow::to_json() const {
  std::string url = "/api/v1/media/" + std::to_string(id);
  return json_pack("{s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:s}", "id", static_cast<json_int_t>(id),
                   "owner_id", static_cast<json_int_t>(owner_id), "meeting_id", meeting_id.c_str(),
                   "filename", original_name.c_str(), "content_type", content_type.c_str(), "size",
                   static_cast<json_int_t>(size_bytes), "created_at", created_at.c_str(),
                   "download_url", url.c_str());
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace meetgate::recorder
