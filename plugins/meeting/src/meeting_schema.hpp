// The meeting plugin's tables, as versioned migrations for both dialects
// (component "meeting" in schema_migrations).
#pragma once

#include <meetgate/storage/database.hpp>
#include <vector>

namespace meetgate::meeting {

const std::vector<storage::Migration> &meeting_migrations();

}  // namespace meetgate::meeting
