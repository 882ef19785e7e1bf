// The "echotest.reverse" service's work, kept free of the ABI so it can be
// unit-tested.
#pragma once

#include <string>
#include <string_view>

namespace meetgate::echotest {

// Reverses `utf8` by code point, so the result stays valid UTF-8 (Jansson
// only hands out valid UTF-8 strings). "añb" -> "bña".
std::string reverse_utf8(std::string_view utf8);

}  // namespace meetgate::echotest
