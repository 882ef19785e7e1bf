// Avatar files under <data_dir>/avatars/, named by the server
// (<32 random hex>.<ext>); a client never chooses a path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "image_sniffer.hpp"

namespace meetgate::auth {

class AvatarStore {
 public:
  // Creates the directory. Throws std::filesystem::filesystem_error.
  explicit AvatarStore(std::filesystem::path directory);

  // Writes the image (to a temporary name, then renamed, so a reader never
  // sees half a file) and returns its generated name.
  std::string save(std::string_view bytes, const ImageType &type);
  // The file for a name this store generated, or nullopt for any other name.
  std::optional<std::filesystem::path> resolve(std::string_view name) const;
  // Removes a stored avatar given its name or its URL; ignores other values.
  void remove(std::string_view name_or_url);

  static bool is_valid_name(std::string_view name);
  static constexpr std::string_view kUrlPrefix = "/api/v1/avatars/";

 private:
  std::filesystem::path directory_;
};

}  // namespace meetgate::auth
