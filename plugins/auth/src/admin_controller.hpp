// /api/v1/admin/users: list (page/page_size/keyword), get, update, delete,
// ban and unban. Admins only; the rules are in Permissions.
#pragma once

#include <cstdint>
#include <string>

#include "auth_context.hpp"
#include "http_exchange.hpp"
#include "permissions.hpp"

namespace meetgate::auth {

class AdminController {
 public:
  explicit AdminController(AuthContext &context) : context_(context) {}

  void list_users(HttpExchange &exchange);
  void get_user(HttpExchange &exchange, const std::string &id);
  void update_user(HttpExchange &exchange, const std::string &id);
  void delete_user(HttpExchange &exchange, const std::string &id);
  void set_banned(HttpExchange &exchange, const std::string &id, bool banned);

  // "42" -> 42; throws ApiError(400) naming "id" otherwise.
  static int64_t parse_id(const std::string &id);

 private:
  // Authenticates an admin, parses the target id, checks the rule for
  // `action` on it and loads the target (404 when unknown).
  UserRecord authorize(HttpExchange &exchange, AdminAction action, const std::string &id);
  Actor authorize_admin(HttpExchange &exchange);

  AuthContext &context_;
};

}  // namespace meetgate::auth
