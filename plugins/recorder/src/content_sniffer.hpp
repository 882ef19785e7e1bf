// The content type of an uploaded file, decided from its first bytes (magic
// numbers), never from the client's Content-Type or file name. Unknown
// content is application/octet-stream.
#pragma once

#include <string>
#include <string_view>

namespace meetgate::recorder {

struct SniffedType {
  std::string mime;       // "video/webm"
  std::string extension;  // ".webm" (used for the stored file's name)
};

SniffedType sniff_content_type(std::string_view head);

}  // namespace meetgate::recorder
