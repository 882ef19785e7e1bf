#include "image_sniffer.hpp"

namespace meetgate::auth {
namespace {

constexpr ImageType kPng{"png", "image/png"};
constexpr ImageType kJpeg{"jpg", "image/jpeg"};
constexpr ImageType kGif{"gif", "image/gif"};
constexpr ImageType kWebp{"webp", "image/webp"};

}  // namespace

std::optional<ImageType> ImageSniffer::sniff(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.starts_with("\x89PNG\r\n\x1a\n"sv) && bytes.size() > 8) return kPng;
  if (bytes.starts_with("\xff\xd8\xff"sv) && bytes.size() > 3) return kJpeg;
  if ((bytes.starts_with("GIF87a"sv) || bytes.starts_with("GIF89a"sv)) && bytes.size() > 6) {
    return kGif;
  }
  if (bytes.size() > 12 && bytes.starts_with("RIFF"sv) && bytes.substr(8, 4) == "WEBP"sv) {
    return kWebp;
  }
  return std::nullopt;
}

std::optional<ImageType> ImageSniffer::from_extension(std::string_view extension) {
  for (const ImageType &type : {kPng, kJpeg, kGif, kWebp}) {
    if (type.extension == extension) return type;
  }
  return std::nullopt;
}

}  // namespace meetgate::auth
