// Tables recordings, recording_files and media_files (component "recorder"
// in schema_migrations), for SQLite and PostgreSQL.
#pragma once

#include <meetgate/storage/database.hpp>
#include <vector>

namespace meetgate::recorder {

const std::vector<storage::Migration> &recorder_migrations();

}  // namespace meetgate::recorder
