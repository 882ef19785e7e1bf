#include "content_sniffer.hpp"

#include <array>

namespace meetgate::recorder {
namespace {

bool starts_with(std::string_view data, std::string_view magic, size_t at = 0) {
  return data.size() >= at + magic.size() && data.substr(at, magic.size()) == magic;
}

// Matroska and WebM share the EBML magic; the DocType element names which.
SniffedType sniff_ebml(std::string_view head) {
  std::string_view window = head.substr(0, 64);
  if (window.find("webm") != std::string_view::npos) return {"video/webm", ".webm"};
  return {"video/x-matroska", ".mkv"};
}

SniffedType sniff_riff(std::string_view head) {
  if (starts_with(head, "WAVE", 8)) return {"audio/wav", ".wav"};
  if (starts_with(head, "WEBP", 8)) return {"image/webp", ".webp"};
  if (starts_with(head, "AVI ", 8)) return {"video/x-msvideo", ".avi"};
  return {"application/octet-stream", ".bin"};
}

// ISO BMFF: "ftyp" at offset 4, the brand after it.
SniffedType sniff_iso(std::string_view head) {
  std::string_view brand = head.size() >= 12 ? head.substr(8, 4) : "";
  if (brand == "M4A ") return {"audio/mp4", ".m4a"};
  if (brand == "qt  ") return {"video/quicktime", ".mov"};
  return {"video/mp4", ".mp4"};
}

bool is_mp3_frame(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFF &&
         (static_cast<unsigned char>(head[1]) & 0xE0) == 0xE0 &&
         (static_cast<unsigned char>(head[1]) & 0x06) != 0;  // a layer is set
}

}  // namespace

SniffedType sniff_content_type(std::string_view head) {
  using namespace std::string_view_literals;
  if (starts_with(head, "\x1A\x45\xDF\xA3"sv)) return sniff_ebml(head);
  if (starts_with(head, "ftyp", 4)) return sniff_iso(head);
  if (starts_with(head, "RIFF")) return sniff_riff(head);
  if (starts_with(head, "OggS")) return {"audio/ogg", ".ogg"};
  if (starts_with(head, "ID3") || is_mp3_frame(head)) return {"audio/mpeg", ".mp3"};
  if (starts_with(head, "\x89PNG\r\n\x1A\n"sv)) return {"image/png", ".png"};
  if (starts_with(head, "\xFF\xD8\xFF"sv)) return {"image/jpeg", ".jpg"};
  if (starts_with(head, "GIF87a") || starts_with(head, "GIF89a")) return {"image/gif", ".gif"};
  if (starts_with(head, "%PDF-")) return {"application/pdf", ".pdf"};
  if (starts_with(head, "fLaC")) return {"audio/flac", ".flac"};
  if (starts_with(head, "PK\x03\x04"sv)) return {"application/zip", ".zip"};
  return {"application/octet-stream", ".bin"};
}

}  // namespace meetgate::recorder
