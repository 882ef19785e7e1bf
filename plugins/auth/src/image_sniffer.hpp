// Recognises an image by its magic bytes (never by the client's claimed
// type or file name): PNG, JPEG, GIF, WebP.
#pragma once

#include <optional>
#include <string_view>

namespace meetgate::auth {

struct ImageType {
  std::string_view extension;  // "png", "jpg", "gif", "webp"
  std::string_view mime;       // "image/png", ...
};

class ImageSniffer {
 public:
  static std::optional<ImageType> sniff(std::string_view bytes);
  // The type an avatar file name's extension stands for.
  static std::optional<ImageType> from_extension(std::string_view extension);
};

}  // namespace meetgate::auth
