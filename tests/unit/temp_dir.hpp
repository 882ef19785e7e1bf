// A temporary directory removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string>

namespace meetgate::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::filesystem::path &path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `contents` to path()/name and returns the full path.
  std::string write(const std::string &name, const std::string &contents) const;

 private:
  std::filesystem::path path_;
};

}  // namespace meetgate::test
