#include "admin_bootstrap.hpp"

#include "api_error.hpp"
#include "identity_rules.hpp"
#include "password_policy.hpp"

namespace meetgate::auth {

void AdminBootstrap::ensure(AuthContext &context) {
  const AuthConfig &config = context.config;
  if (config.admin_username.empty()) return;
  if (!IdentityRules::is_valid_username(config.admin_username)) {
    throw ConfigError("general.admin_username must be 3-20 letters, digits or underscores");
  }
  if (std::optional<UserRecord> existing = context.users.find_by_login(config.admin_username)) {
    if (!existing->is_admin()) {
      context.users.update_role(existing->id, "admin");
      context.revocation.revoke_all(existing->id);
      context.log(MG_LOG_WARN, "promoted existing user '" + config.admin_username + "' to admin");
    }
    return;
  }
  const std::string email = config.admin_email.empty()
                                ? config.admin_username + "@localhost.localdomain"
                                : config.admin_email;
  if (!IdentityRules::is_valid_email(email)) {
    throw ConfigError("general.admin_email is not a valid address");
  }
  if (std::optional<std::string> problem =
          PasswordPolicy::check(config.admin_password, config.admin_username)) {
    throw ConfigError("general.admin_password: " + *problem);
  }
  NewUser admin;
  admin.username = config.admin_username;
  admin.email = IdentityRules::normalize_email(email);
  admin.nickname = config.admin_username;
  admin.role = "admin";
  admin.password_hash = context.hasher.hash(config.admin_password);
  try {
    UserRecord created = context.users.create(admin);
    context.log(MG_LOG_INFO, "created admin account '" + created.username + "' (id " +
                                 std::to_string(created.id) + ")");
  } catch (const ApiError &conflict) {
    // Another node created it at the same moment, or the email is taken.
    context.log(MG_LOG_WARN, std::string("admin account not created: ") + conflict.what());
  }
}

}  // namespace meetgate::auth
