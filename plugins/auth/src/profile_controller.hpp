// The caller's own account: profile, password change, avatar, deletion.
#pragma once

#include "auth_context.hpp"
#include "http_exchange.hpp"
#include "request_authenticator.hpp"

namespace meetgate::auth {

class ProfileController {
 public:
  explicit ProfileController(AuthContext &context) : context_(context) {}

  void get_profile(HttpExchange &exchange);
  void update_profile(HttpExchange &exchange);
  void change_password(HttpExchange &exchange);
  void upload_avatar(HttpExchange &exchange);
  void delete_account(HttpExchange &exchange);
  // GET /api/v1/avatars/<name>: public, like the seed's avatar URLs.
  void download_avatar(HttpExchange &exchange, const std::string &name);

 private:
  UserRecord load_caller(const RequestAuthenticator::Caller &caller);
  std::string_view avatar_bytes(const HttpExchange &exchange) const;

  AuthContext &context_;
};

}  // namespace meetgate::auth
