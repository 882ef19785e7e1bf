#include <sodium.h>

#include <meetgate/pluginkit/csrf_guard.hpp>

namespace meetgate::pluginkit {

bool CsrfGuard::is_safe_method(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::string CsrfGuard::new_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex);
}

bool CsrfGuard::matches(std::string_view cookie, std::string_view header) {
  if (cookie.empty() || cookie.size() != header.size()) return false;
  return sodium_memcmp(cookie.data(), header.data(), cookie.size()) == 0;
}

}  // namespace meetgate::pluginkit
