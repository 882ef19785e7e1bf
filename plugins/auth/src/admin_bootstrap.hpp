// Creates the first admin from config (admin_username / admin_password /
// admin_email) at start. An existing account of that name is promoted to
// admin but its password is left alone (the config is not a reset channel).
#pragma once

#include "auth_context.hpp"

namespace meetgate::auth {

class AdminBootstrap {
 public:
  // Throws ConfigError when the configured account breaks the username,
  // email or password rules.
  static void ensure(AuthContext &context);
};

}  // namespace meetgate::auth
