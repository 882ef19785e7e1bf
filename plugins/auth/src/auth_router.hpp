// Maps (method, path) to a controller action, including the Go backend's
// alias paths, and turns exceptions into envelope errors.
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>
#include <string>
#include <vector>

#include "account_controller.hpp"
#include "admin_controller.hpp"
#include "auth_context.hpp"
#include "profile_controller.hpp"

namespace meetgate::auth {

class AuthRouter {
 public:
  explicit AuthRouter(AuthContext &context)
      : context_(context), accounts_(context), profiles_(context), admin_(context) {}

  // Serves the request and always answers it.
  void dispatch(pluginkit::HttpExchange &exchange);
  // Requests cheap enough to answer on the transport's thread.
  static bool is_inline(const std::string &method, const std::string &path);

  // The route prefixes the plugin registers with the core.
  static std::vector<std::string> json_prefixes();
  static std::vector<std::string> upload_prefixes();

 private:
  void route(pluginkit::HttpExchange &exchange);
  bool route_admin(pluginkit::HttpExchange &exchange, const std::vector<std::string> &segments);

  AuthContext &context_;
  AccountController accounts_;
  ProfileController profiles_;
  AdminController admin_;
};

}  // namespace meetgate::auth
