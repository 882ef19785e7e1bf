// Helpers shared by the SQL backends.
#pragma once

#include <meetgate/storage/database.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace meetgate::storage {

// Split a migration script on ';' into trimmed, non-empty statements. Migration
// scripts promise no ';' inside string literals (see Migration).
std::vector<std::string> split_statements(std::string_view script);

// A parameter as text (PostgreSQL text format; SQLite binds typed values).
std::optional<std::string> value_as_text(const Value &value);

}  // namespace meetgate::storage
