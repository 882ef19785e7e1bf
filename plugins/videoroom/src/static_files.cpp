#include "static_files.hpp"

#include <array>
#include <utility>

namespace meetgate::videoroom {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(const fs::path &root) : root_(fs::canonical(root)) {}

std::optional<fs::path> StaticFiles::resolve(std::string_view relative) const {
  if (relative.size() > 1024) return std::nullopt;
  std::string clean;
  for (char c : relative) {
    if (c == '\0' || c == '\\') return std::nullopt;
  }
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  // Refuse any ".." segment outright, before the file system sees it.
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos) slash = relative.size();
    const std::string_view segment = relative.substr(start, slash - start);
    if (segment == "..") return std::nullopt;
    if (!segment.empty() && segment != ".") {
      if (!clean.empty()) clean += '/';
      clean += segment;
    }
    start = slash + 1;
  }
  fs::path candidate = clean.empty() ? root_ : root_ / clean;
  std::error_code error;
  if (fs::is_directory(candidate, error)) candidate /= "index.html";
  const fs::path resolved = fs::canonical(candidate, error);
  if (error) return std::nullopt;
  // A symlink inside the root must not lead out of it.
  const std::string root_text = root_.string() + "/";
  if (resolved.string().compare(0, root_text.size(), root_text) != 0) return std::nullopt;
  if (!fs::is_regular_file(resolved, error)) return std::nullopt;
  return resolved;
}

const char *StaticFiles::content_type(const fs::path &file) {
  static constexpr std::array<std::pair<const char *, const char *>, 10> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  }};
  const std::string extension = file.extension().string();
  for (const auto &[known, type] : kTypes) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

fs::path StaticFiles::locate_root(const std::string &configured) {
  std::error_code error;
  if (!configured.empty()) {
    return fs::is_directory(configured, error) ? fs::path(configured) : fs::path();
  }
  for (const char *candidate : {MEETGATE_VIDEOROOM_INSTALLED_WWW, MEETGATE_VIDEOROOM_SOURCE_WWW}) {
    if (fs::is_directory(candidate, error)) return candidate;
  }
  return {};
}

}  // namespace meetgate::videoroom
