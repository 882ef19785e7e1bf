// Where files live: <data_dir>/recordings/<recording id>/<name> and
// <data_dir>/media/<name>. Names are generated here (128 random bits as hex
// plus an extension chosen by the plugin); nothing a client sends ever
// becomes part of a path, and every path read back from the database is
// checked again before use.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace meetgate::recorder {

class StoragePaths {
 public:
  explicit StoragePaths(std::filesystem::path data_dir);

  // Creates recordings/ and media/ (throws std::filesystem::filesystem_error).
  void create_directories() const;
  const std::filesystem::path &recordings_root() const { return recordings_; }
  const std::filesystem::path &media_root() const { return media_; }
  // Bytes of every file under both roots, growing recordings included (the
  // disk quota counts what is really on disk).
  uint64_t used_bytes() const;

  // "3f2a...e9.webm": 32 hex digits + `extension` (".webm"; must match
  // ^\.[a-z0-9]{1,8}$, else ".bin").
  static std::string generate_name(std::string_view extension);
  // A name generate_name could have produced, optionally under one numeric
  // directory ("12/3f2a...e9.webm").
  static bool is_safe_name(std::string_view relative);
  // root / relative, or throws std::invalid_argument when `relative` is not
  // safe or the result would leave `root`.
  static std::filesystem::path resolve(const std::filesystem::path &root,
                                       std::string_view relative);

 private:
  std::filesystem::path recordings_, media_;
};

}  // namespace meetgate::recorder
