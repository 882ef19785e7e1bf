// A real SQLite database in a fresh temporary directory and an in-process
// KeyValue store, for tests of the parts that sit on storage.
#pragma once

#include <filesystem>
#include <meetgate/storage/database.hpp>
#include <meetgate/storage/kv.hpp>
#include <memory>

namespace meetgate::auth::test {

class StorageFixture {
 public:
  StorageFixture();
  ~StorageFixture();

  std::filesystem::path directory;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<storage::KeyValue> kv;
};

}  // namespace meetgate::auth::test
