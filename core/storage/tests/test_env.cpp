#include "test_env.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace meetgate::storage::test {
namespace {

// A private temp dir removed at exit, holding the SQLite file.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "meetgate-storage-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

const std::string &database_url() {
  static const std::string url = [] {
    if (const char *env = std::getenv("MEETGATE_TEST_DATABASE_URL"); env && *env)
      return std::string(env);
    static TempDir dir;
    return "sqlite://" + (dir.path() / "test.db").string();
  }();
  return url;
}

std::string redis_url() {
  const char *env = std::getenv("MEETGATE_TEST_REDIS_URL");
  return env ? env : "";
}

}  // namespace meetgate::storage::test
