// CSRF protection for cookie-authenticated browser requests (double submit):
// the auth plugin's GET /api/v1/csrf-token sets a random `csrf_token` cookie
// (readable by the page's script) and returns the same value; an unsafe
// request (not GET, HEAD, OPTIONS) authenticated by the `access_token` cookie
// must echo it in X-CSRF-Token. A cross-site page can make the browser send
// the cookies but cannot read them, so it cannot forge the header. Bearer
// requests are exempt: a browser never attaches an Authorization header on
// its own. Uses libsodium: the plugin calls sodium_init() in its init.
#pragma once

#include <string>
#include <string_view>

namespace meetgate::pluginkit {

class CsrfGuard {
 public:
  static bool is_safe_method(std::string_view method);
  static std::string new_token();  // 32 random bytes as 64 hex characters
  // Constant-time comparison of cookie and header; both must be non-empty.
  static bool matches(std::string_view cookie, std::string_view header);
};

}  // namespace meetgate::pluginkit
