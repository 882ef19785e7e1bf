#include "permissions.hpp"

namespace meetgate::auth {

std::optional<std::string> Permissions::check_admin(const Actor &actor, AdminAction action,
                                                    int64_t target_user_id) {
  if (actor.role != "admin") return "admin role required";
  if (actor.user_id != target_user_id) return std::nullopt;
  switch (action) {
    case AdminAction::kBan:
      return "an admin cannot ban their own account";
    case AdminAction::kDelete:
      return "an admin cannot delete their own account here";
    case AdminAction::kChangeRole:
      return "an admin cannot change their own role";
    case AdminAction::kView:
    case AdminAction::kUpdate:
    case AdminAction::kUnban:
      return std::nullopt;
  }
  return "not allowed";
}

}  // namespace meetgate::auth
