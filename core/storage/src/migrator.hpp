// Applies a component's versioned migrations and records them in
// schema_migrations(component, version, description, applied_at).
#pragma once

#include <meetgate/storage/database.hpp>

namespace meetgate::storage {

void apply_migrations(Database &database, std::string_view component,
                      const std::vector<Migration> &migrations);

}  // namespace meetgate::storage
