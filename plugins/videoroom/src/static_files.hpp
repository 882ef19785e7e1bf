// The web client's static files: maps a request path under /app to a file
// inside the www root, refusing anything that would leave it (.., symlinks
// out of the root, NUL, backslashes). No ABI calls: unit tested directly.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace meetgate::videoroom {

class StaticFiles {
 public:
  // `root` must be an existing directory; it is made canonical.
  explicit StaticFiles(const std::filesystem::path &root);

  // `relative` is the part of the URL path after the route prefix ("",
  // "/", "/app.js", "/css/x.css"). Returns the canonical file path, or
  // nullopt when it is unsafe or not a regular file. "" and directories map
  // to their index.html.
  std::optional<std::filesystem::path> resolve(std::string_view relative) const;

  const std::filesystem::path &root() const { return root_; }

  // The Content-Type for a file name ("text/html; charset=utf-8", ...).
  static const char *content_type(const std::filesystem::path &file);

  // The first existing directory among `configured` (if not empty), the
  // installed data dir and the source tree's www/; "" if none.
  static std::filesystem::path locate_root(const std::string &configured);

 private:
  std::filesystem::path root_;
};

}  // namespace meetgate::videoroom
