#include "base64_input.hpp"

#include <sodium.h>

#include "api_error.hpp"

namespace meetgate::ai {
namespace {

std::string_view strip_data_uri(std::string_view text) {
  if (text.substr(0, 5) != "data:") return text;
  std::size_t marker = text.find(";base64,");
  return marker == std::string_view::npos ? text : text.substr(marker + 8);
}

}  // namespace

std::string decode_base64_field(std::string_view text, const std::string &field) {
  text = strip_data_uri(text);
  if (text.empty()) throw ApiError::invalid(field, "empty");
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char *end = nullptr;
  // Padded and unpadded input are both accepted: try the padded variant,
  // then the unpadded one for input whose length is not a multiple of 4.
  for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING}) {
    if (sodium_base642bin(reinterpret_cast<unsigned char *>(bytes.data()), bytes.size(),
                          text.data(), text.size(), " \t\r\n", &length, &end, variant) == 0 &&
        end == text.data() + text.size()) {
      bytes.resize(length);
      if (bytes.empty()) throw ApiError::invalid(field, "decodes to no bytes");
      return bytes;
    }
  }
  throw ApiError::invalid(field, "not valid base64");
}

std::string encode_base64(std::string_view bytes) {
  std::string text(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char *>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

}  // namespace meetgate::ai
