// Decodes base64 request fields (standard alphabet, padding optional, line
// breaks and spaces ignored, an optional "data:<type>;base64," prefix) with
// libsodium. Bad input is a 400 naming the field.
#pragma once

#include <string>
#include <string_view>

namespace meetgate::ai {

// Throws ApiError(400) naming `field` when `text` is empty or not base64.
std::string decode_base64_field(std::string_view text, const std::string &field);

std::string encode_base64(std::string_view bytes);

}  // namespace meetgate::ai
