#include "recorder_schema.hpp"

namespace meetgate::recorder {

const std::vector<storage::Migration> &recorder_migrations() {
  static const std::vector<storage::Migration> migrations = {
      {1, "recordings, recording_files, media_files",
       R"(CREATE TABLE IF NOT EXISTS recordings (
  id INTEGER PRIMARY KEY AUTOINCREMENT, meeting_id TEXT NOT NULL,
  meeting_db_id INTEGER NOT NULL DEFAULT 0, mode TEXT NOT NULL, status TEXT NOT NULL,
  started_by INTEGER NOT NULL, started_at TEXT NOT NULL, stopped_at TEXT,
  duration_ms INTEGER NOT NULL DEFAULT 0, size_bytes INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS idx_recordings_meeting ON recordings(meeting_id);
CREATE TABLE IF NOT EXISTS recording_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT, recording_id INTEGER NOT NULL,
  kind TEXT NOT NULL, user_id INTEGER NOT NULL DEFAULT 0, producer_id TEXT NOT NULL DEFAULT '',
  track_kind TEXT NOT NULL DEFAULT '', segment INTEGER NOT NULL DEFAULT 1,
  stored_name TEXT NOT NULL, content_type TEXT NOT NULL, codec TEXT NOT NULL DEFAULT '',
  size_bytes INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL, created_at TEXT NOT NULL, finished_at TEXT);
CREATE INDEX IF NOT EXISTS idx_recording_files_recording ON recording_files(recording_id);
CREATE TABLE IF NOT EXISTS media_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT, owner_id INTEGER NOT NULL,
  meeting_id TEXT NOT NULL DEFAULT '', original_name TEXT NOT NULL, stored_name TEXT NOT NULL,
  content_type TEXT NOT NULL, size_bytes INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS idx_media_files_owner ON media_files(owner_id))",
       R"(CREATE TABLE IF NOT EXISTS recordings (
  id BIGSERIAL PRIMARY KEY, meeting_id TEXT NOT NULL,
  meeting_db_id BIGINT NOT NULL DEFAULT 0, mode TEXT NOT NULL, status TEXT NOT NULL,
  started_by BIGINT NOT NULL, started_at TEXT NOT NULL, stopped_at TEXT,
  duration_ms BIGINT NOT NULL DEFAULT 0, size_bytes BIGINT NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS idx_recordings_meeting ON recordings(meeting_id);
CREATE TABLE IF NOT EXISTS recording_files (
  id BIGSERIAL PRIMARY KEY, recording_id BIGINT NOT NULL,
  kind TEXT NOT NULL, user_id BIGINT NOT NULL DEFAULT 0, producer_id TEXT NOT NULL DEFAULT '',
  track_kind TEXT NOT NULL DEFAULT '', segment INTEGER NOT NULL DEFAULT 1,
  stored_name TEXT NOT NULL, content_type TEXT NOT NULL, codec TEXT NOT NULL DEFAULT '',
  size_bytes BIGINT NOT NULL DEFAULT 0, duration_ms BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL, created_at TEXT NOT NULL, finished_at TEXT);
CREATE INDEX IF NOT EXISTS idx_recording_files_recording ON recording_files(recording_id);
CREATE TABLE IF NOT EXISTS media_files (
  id BIGSERIAL PRIMARY KEY, owner_id BIGINT NOT NULL,
  meeting_id TEXT NOT NULL DEFAULT '', original_name TEXT NOT NULL, stored_name TEXT NOT NULL,
  content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS idx_media_files_owner ON media_files(owner_id))"},
  };
  return migrations;
}

}  // namespace meetgate::recorder
