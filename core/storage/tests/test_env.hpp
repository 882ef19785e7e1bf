// Where the storage tests run: MEETGATE_TEST_DATABASE_URL (a real PostgreSQL
// started by run_with_servers.py) or a fresh SQLite file; likewise
// MEETGATE_TEST_REDIS_URL or the in-process store.
#pragma once

#include <string>

namespace meetgate::storage::test {

// The database URL for this run (a temp SQLite file unless overridden).
const std::string &database_url();
// "" (in-process) unless MEETGATE_TEST_REDIS_URL is set.
std::string redis_url();

}  // namespace meetgate::storage::test
