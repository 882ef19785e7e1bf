// Registration, login, token refresh, logout and the CSRF token.
#pragma once

#include "auth_context.hpp"
#include "http_exchange.hpp"

namespace meetgate::auth {

class AccountController {
 public:
  explicit AccountController(AuthContext &context) : context_(context) {}

  void register_user(HttpExchange &exchange);
  void login(HttpExchange &exchange);
  void refresh(HttpExchange &exchange);
  void logout(HttpExchange &exchange);
  void csrf_token(HttpExchange &exchange);

 private:
  void enforce_rate(const std::string &subject, const char *endpoint, int64_t max, int64_t window);
  UserRecord check_credentials(const std::string &login, const std::string &password);
  void answer_with_tokens(HttpExchange &exchange, const UserRecord &user, const char *message);

  AuthContext &context_;
};

}  // namespace meetgate::auth
