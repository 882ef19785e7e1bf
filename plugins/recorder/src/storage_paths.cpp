#include "storage_paths.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace meetgate::recorder {
namespace {

bool is_extension(std::string_view text) {
  if (text.size() < 2 || text.size() > 9 || text[0] != '.') return false;
  for (char c : text.substr(1))
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)))
      return false;
  return true;
}

bool is_generated_file(std::string_view name) {
  if (name.size() < 34) return false;
  for (char c : name.substr(0, 32))
    if (!std::isxdigit(static_cast<unsigned char>(c)) ||
        std::isupper(static_cast<unsigned char>(c)))
      return false;
  return is_extension(name.substr(32));
}

bool is_number(std::string_view text) {
  if (text.empty() || text.size() > 19 || text[0] == '0') return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

StoragePaths::StoragePaths(std::filesystem::path data_dir)
    : recordings_(data_dir / "recordings"), media_(data_dir / "media") {}

void StoragePaths::create_directories() const {
  std::filesystem::create_directories(recordings_);
  std::filesystem::create_directories(media_);
}

uint64_t StoragePaths::used_bytes() const {
  uint64_t total = 0;
  for (const auto &root : {recordings_, media_}) {
    std::error_code error;
    for (std::filesystem::recursive_directory_iterator it(root, error), end; !error && it != end;
         it.increment(error)) {
      std::error_code size_error;
      if (it->is_regular_file(size_error)) {
        uint64_t size = it->file_size(size_error);
        if (!size_error) total += size;
      }
    }
  }
  return total;
}

std::string StoragePaths::generate_name(std::string_view extension) {
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  return std::string(hex) + (is_extension(extension) ? std::string(extension) : ".bin");
}

bool StoragePaths::is_safe_name(std::string_view relative) {
  size_t slash = relative.find('/');
  if (slash == std::string_view::npos) return is_generated_file(relative);
  return is_number(relative.substr(0, slash)) && is_generated_file(relative.substr(slash + 1));
}

std::filesystem::path StoragePaths::resolve(const std::filesystem::path &root,
                                            std::string_view relative) {
  if (!is_safe_name(relative)) throw std::invalid_argument("unsafe stored file name");
  std::filesystem::path full = (root / std::string(relative)).lexically_normal();
  std::filesystem::path base = root.lexically_normal();
  auto [end, unused] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  (void)unused;
  if (end != base.end()) throw std::invalid_argument("stored file outside its root");
  return full;
}

}  // namespace meetgate::recorder
