#include "storage_fixture.hpp"

#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <string>

namespace meetgate::auth::test {

StorageFixture::StorageFixture() {
  static std::atomic<int> counter{0};
  if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
  directory = std::filesystem::temp_directory_path() /
              ("meetgate-auth-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  db = storage::Database::open("sqlite://" + (directory / "test.db").string(), 2);
  kv = storage::KeyValue::open("");
}

StorageFixture::~StorageFixture() {
  kv.reset();
  db.reset();
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
}

}  // namespace meetgate::auth::test
