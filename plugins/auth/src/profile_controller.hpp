// The caller's own account: profile, password change, avatar, deletion.
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>

#include "auth_context.hpp"
#include "request_authenticator.hpp"

namespace meetgate::auth {

class ProfileController {
 public:
  explicit ProfileController(AuthContext &context) : context_(context) {}

  void get_profile(pluginkit::HttpExchange &exchange);
  void update_profile(pluginkit::HttpExchange &exchange);
  void change_password(pluginkit::HttpExchange &exchange);
  void upload_avatar(pluginkit::HttpExchange &exchange);
  void delete_account(pluginkit::HttpExchange &exchange);
  // GET /api/v1/avatars/<name>: public, like the seed's avatar URLs.
  void download_avatar(pluginkit::HttpExchange &exchange, const std::string &name);

 private:
  UserRecord load_caller(const RequestAuthenticator::Caller &caller);
  std::string_view avatar_bytes(const pluginkit::HttpExchange &exchange) const;

  AuthContext &context_;
};

}  // namespace meetgate::auth
