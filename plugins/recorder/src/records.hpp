// Rows of the recorder's tables as the REST API shows them.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <string>

namespace meetgate::recorder {

struct RecordingRow {
  int64_t id = 0;
  std::string meeting_id;
  int64_t meeting_db_id = 0;
  std::string mode;    // tracks | composite | both
  std::string status;  // recording | stopped | failed
  int64_t started_by = 0;
  std::string started_at, stopped_at, error;
  int64_t duration_ms = 0, size_bytes = 0;
  json_t *to_json() const;  // new reference
};

struct RecordingFileRow {
  int64_t id = 0, recording_id = 0;
  std::string kind;  // track | composite
  int64_t user_id = 0;
  std::string producer_id, track_kind;  // track_kind: audio | video | av
  int64_t segment = 1;
  std::string stored_name, content_type, codec;
  int64_t size_bytes = 0, duration_ms = 0;
  std::string status;  // recording | complete | failed
  std::string created_at, finished_at;
  json_t *to_json() const;  // new reference; never shows stored_name
};

struct MediaFileRow {
  int64_t id = 0, owner_id = 0;
  std::string meeting_id, original_name, stored_name, content_type;
  int64_t size_bytes = 0;
  std::string created_at;
  json_t *to_json() const;  // new reference; never shows stored_name
};

// "2026-11-25T18:00:00Z" for now (UTC).
std::string utc_now();

}  // namespace meetgate::recorder
