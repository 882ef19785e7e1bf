#include "avatar_store.hpp"

#include <sodium.h>

#include <cctype>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace meetgate::auth {

AvatarStore::AvatarStore(std::filesystem::path directory) : directory_(std::move(directory)) {
  std::filesystem::create_directories(directory_);
}

bool AvatarStore::is_valid_name(std::string_view name) {
  const size_t dot = name.find('.');
  if (dot != 32) return false;
  for (size_t i = 0; i < dot; ++i) {
    const char c = name[i];
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return ImageSniffer::from_extension(name.substr(dot + 1)).has_value();
}

std::string AvatarStore::save(std::string_view bytes, const ImageType &type) {
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  const std::string name = std::string(hex) + "." + std::string(type.extension);
  const std::filesystem::path final_path = directory_ / name;
  const std::filesystem::path temp_path = directory_ / ("." + name + ".tmp");
  {
    std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp_path, ignored);
      throw std::runtime_error("cannot write avatar file " + temp_path.string());
    }
  }
  std::filesystem::rename(temp_path, final_path);
  return name;
}

std::optional<std::filesystem::path> AvatarStore::resolve(std::string_view name) const {
  if (!is_valid_name(name)) return std::nullopt;
  std::filesystem::path path = directory_ / std::string(name);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  return path;
}

void AvatarStore::remove(std::string_view name_or_url) {
  const size_t slash = name_or_url.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? name_or_url : name_or_url.substr(slash + 1);
  if (!is_valid_name(name)) return;
  std::error_code ignored;
  std::filesystem::remove(directory_ / std::string(name), ignored);
}

}  // namespace meetgate::auth
