#include "meeting_schema.hpp"

namespace meetgate::meeting {

// The seed's meetings/participants tables plus what the features need:
// room_id, password_hash (Argon2id), meeting_type, settings (JSON text);
// participant status (joined/left/kicked) and mute flags. creator_id and
// user_id carry no FOREIGN KEY to users: that table belongs to the auth
// plugin, which may live elsewhere or load later; plugins never couple.
const std::vector<storage::Migration> &meeting_migrations() {
  static const std::vector<storage::Migration> migrations = {
      {1, "meetings and participants",
       R"(CREATE TABLE meetings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id TEXT NOT NULL UNIQUE,
            room_id TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT,
            creator_id INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'scheduled',
            start_time TEXT,
            end_time TEXT,
            max_participants INTEGER NOT NULL DEFAULT 100,
            password_hash TEXT,
            meeting_type TEXT NOT NULL DEFAULT 'video',
            settings TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
          CREATE INDEX meetings_creator ON meetings(creator_id);
          CREATE INDEX meetings_status ON meetings(status);
          CREATE TABLE participants (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL,
            role TEXT NOT NULL DEFAULT 'participant',
            status TEXT NOT NULL DEFAULT 'joined',
            is_muted_audio INTEGER NOT NULL DEFAULT 0,
            is_muted_video INTEGER NOT NULL DEFAULT 0,
            joined_at TEXT DEFAULT CURRENT_TIMESTAMP,
            left_at TEXT,
            UNIQUE(meeting_id, user_id));
          CREATE INDEX participants_user ON participants(user_id);
          CREATE INDEX participants_meeting_status ON participants(meeting_id, status))",
       R"(CREATE TABLE meetings (
            id SERIAL PRIMARY KEY,
            meeting_id VARCHAR(100) NOT NULL UNIQUE,
            room_id VARCHAR(100) NOT NULL,
            title VARCHAR(200) NOT NULL,
            description TEXT,
            creator_id INTEGER NOT NULL,
            status VARCHAR(20) NOT NULL DEFAULT 'scheduled',
            start_time TIMESTAMP,
            end_time TIMESTAMP,
            max_participants INTEGER NOT NULL DEFAULT 100,
            password_hash VARCHAR(255),
            meeting_type VARCHAR(20) NOT NULL DEFAULT 'video',
            settings TEXT NOT NULL DEFAULT '{}',
            created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
            updated_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'));
          CREATE INDEX meetings_creator ON meetings(creator_id);
          CREATE INDEX meetings_status ON meetings(status);
          CREATE TABLE participants (
            id SERIAL PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL,
            role VARCHAR(20) NOT NULL DEFAULT 'participant',
            status VARCHAR(20) NOT NULL DEFAULT 'joined',
            is_muted_audio SMALLINT NOT NULL DEFAULT 0,
            is_muted_video SMALLINT NOT NULL DEFAULT 0,
            joined_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),
            left_at TIMESTAMP,
            UNIQUE(meeting_id, user_id));
          CREATE INDEX participants_user ON participants(user_id);
          CREATE INDEX participants_meeting_status ON participants(meeting_id, status))"},
  };
  return migrations;
}

}  // namespace meetgate::meeting
