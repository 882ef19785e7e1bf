// Who may do what to whom, as pure rules (the controllers enforce them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace meetgate::auth {

enum class AdminAction { kView, kUpdate, kChangeRole, kBan, kUnban, kDelete };

struct Actor {
  int64_t user_id = 0;
  std::string role;
};

class Permissions {
 public:
  static bool is_valid_role(std::string_view role) { return role == "user" || role == "admin"; }
  static bool is_valid_status(std::string_view status) {
    return status == "active" || status == "banned";
  }
  // nullopt when allowed, else the reason for a 403. Only admins manage
  // users; an admin never bans, deletes or demotes their own account (so
  // the last admin cannot lock everyone out).
  static std::optional<std::string> check_admin(const Actor &actor, AdminAction action,
                                                int64_t target_user_id);
};

}  // namespace meetgate::auth
