// /api/v1/admin/users: list (page/page_size/keyword), get, update, delete,
// ban and unban. Admins only; the rules are in Permissions.
#pragma once

#include <cstdint>
#include <meetgate/pluginkit/http_exchange.hpp>
#include <string>

#include "auth_context.hpp"
#include "permissions.hpp"

namespace meetgate::auth {

class AdminController {
 public:
  explicit AdminController(AuthContext &context) : context_(context) {}

  void list_users(pluginkit::HttpExchange &exchange);
  void get_user(pluginkit::HttpExchange &exchange, const std::string &id);
  void update_user(pluginkit::HttpExchange &exchange, const std::string &id);
  void delete_user(pluginkit::HttpExchange &exchange, const std::string &id);
  void set_banned(pluginkit::HttpExchange &exchange, const std::string &id, bool banned);

  // "42" -> 42; throws ApiError(400) naming "id" otherwise.
  static int64_t parse_id(const std::string &id);

 private:
  // Authenticates an admin, parses the target id, checks the rule for
  // `action` on it and loads the target (404 when unknown).
  UserRecord authorize(pluginkit::HttpExchange &exchange, AdminAction action,
                       const std::string &id);
  Actor authorize_admin(pluginkit::HttpExchange &exchange);

  AuthContext &context_;
};

}  // namespace meetgate::auth
