// Who is calling, as the auth plugin's "auth.verify_token" service answered.
#pragma once

#include <cstdint>
#include <string>

namespace meetgate::pluginkit {

struct VerifiedUser {
  // Ordered like the plugins' former Caller {user_id, username, role}, so
  // their aggregate initialisations keep their meaning.
  int64_t user_id = 0;
  std::string username;
  std::string role = "user";  // "user" | "admin"
  std::string email{};        // an initializer, so {id, name, role} stays -Wextra clean
  bool is_admin() const { return role == "admin"; }
};

}  // namespace meetgate::pluginkit
