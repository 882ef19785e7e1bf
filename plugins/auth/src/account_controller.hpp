// Registration, login, token refresh, logout and the CSRF token.
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>

#include "auth_context.hpp"

namespace meetgate::auth {

class AccountController {
 public:
  explicit AccountController(AuthContext &context) : context_(context) {}

  void register_user(pluginkit::HttpExchange &exchange);
  void login(pluginkit::HttpExchange &exchange);
  void refresh(pluginkit::HttpExchange &exchange);
  void logout(pluginkit::HttpExchange &exchange);
  void csrf_token(pluginkit::HttpExchange &exchange);

 private:
  void enforce_rate(const std::string &subject, const char *endpoint, int64_t max, int64_t window);
  UserRecord check_credentials(const std::string &login, const std::string &password);
  void answer_with_tokens(pluginkit::HttpExchange &exchange, const UserRecord &user,
                          const char *message);

  AuthContext &context_;
};

}  // namespace meetgate::auth
