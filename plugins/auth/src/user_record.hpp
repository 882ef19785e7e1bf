// One row of the users table, and its JSON views.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <string>

namespace meetgate::auth {

struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string email;
  std::string password_hash;
  std::string nickname;
  std::string avatar_url;
  std::string role = "user";
  std::string status = "active";
  std::string created_at;  // ISO 8601 UTC
  std::string updated_at;
  std::string last_login_at;  // "" when never
  int64_t token_version = 0;

  bool is_admin() const { return role == "admin"; }
  bool is_active() const { return status == "active"; }

  // The public profile: everything but the hash and the token version.
  // Returns a new reference.
  json_t *to_json() const;
};

}  // namespace meetgate::auth
