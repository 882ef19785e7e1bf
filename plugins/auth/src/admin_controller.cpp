#include "admin_controller.hpp"

#include <charconv>

#include "api_error.hpp"
#include "identity_rules.hpp"
#include "json_body.hpp"
#include "page_request.hpp"
#include "request_authenticator.hpp"

namespace meetgate::auth {

int64_t AdminController::parse_id(const std::string &id) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || end != id.data() + id.size() || value < 1) {
    throw ApiError(400, "id must be a positive integer", "id");
  }
  return value;
}

Actor AdminController::authorize_admin(pluginkit::HttpExchange &exchange) {
  RequestAuthenticator::Caller caller = RequestAuthenticator::authenticate(context_, exchange);
  Actor actor{caller.claims.user_id, caller.claims.role};
  if (std::optional<std::string> refusal = Permissions::check_admin(actor, AdminAction::kView, 0)) {
    throw ApiError(403, *refusal);
  }
  return actor;
}

UserRecord AdminController::authorize(pluginkit::HttpExchange &exchange, AdminAction action,
                                      const std::string &id) {
  Actor actor = authorize_admin(exchange);
  const int64_t target = parse_id(id);
  if (std::optional<std::string> refusal = Permissions::check_admin(actor, action, target)) {
    throw ApiError(403, *refusal);
  }
  std::optional<UserRecord> user = context_.users.find_by_id(target);
  if (!user) throw ApiError(404, "user not found");
  return *user;
}

void AdminController::list_users(pluginkit::HttpExchange &exchange) {
  authorize_admin(exchange);
  PageRequest request =
      PageRequest::parse(exchange.query().get("page"), exchange.query().get("page_size"),
                         exchange.query().get("keyword"));
  UserPage page = context_.users.list(request.page, request.page_size, request.keyword);
  json_t *list = json_array();
  for (const UserRecord &user : page.users) json_array_append_new(list, user.to_json());
  exchange.reply(200, "success", request.envelope(list, page.total));
}

void AdminController::get_user(pluginkit::HttpExchange &exchange, const std::string &id) {
  exchange.reply(200, "success", authorize(exchange, AdminAction::kView, id).to_json());
}

void AdminController::update_user(pluginkit::HttpExchange &exchange, const std::string &id) {
  UserRecord user = authorize(exchange, AdminAction::kUpdate, id);
  const int64_t target = user.id;
  JsonBody body = JsonBody::parse(exchange.body());
  std::optional<std::string> nickname = body.optional_string("nickname");
  std::optional<std::string> email = body.optional_string("email");
  std::optional<std::string> role = body.optional_string("role");
  if (nickname && !IdentityRules::is_valid_nickname(*nickname)) {
    throw ApiError(400, "nickname must be at most 100 characters without control characters",
                   "nickname");
  }
  if (email && !IdentityRules::is_valid_email(*email)) {
    throw ApiError(400, "email is not a valid address", "email");
  }
  if (role && !Permissions::is_valid_role(*role)) {
    throw ApiError(400, "role must be \"user\" or \"admin\"", "role");
  }
  if (!nickname && !email && !role) {
    throw ApiError(400, "nothing to update: send nickname, email or role", "body");
  }
  if (role && *role != user.role) {
    Actor actor = authorize_admin(exchange);
    if (std::optional<std::string> refusal =
            Permissions::check_admin(actor, AdminAction::kChangeRole, target)) {
      throw ApiError(403, *refusal);
    }
    context_.users.update_role(target, *role);
    // Tokens carry the role: make the user sign in again with the new one.
    context_.revocation.revoke_all(target);
  }
  if (nickname || email) {
    if (email) email = IdentityRules::normalize_email(*email);
    context_.users.update_profile(target, nickname, email);
  }
  std::optional<UserRecord> updated = context_.users.find_by_id(target);
  if (!updated) throw ApiError(404, "user not found");
  exchange.reply(200, "user updated", updated->to_json());
}

void AdminController::delete_user(pluginkit::HttpExchange &exchange, const std::string &id) {
  UserRecord user = authorize(exchange, AdminAction::kDelete, id);
  const int64_t target = user.id;
  context_.users.soft_delete(target);
  context_.revocation.revoke_all(target);
  context_.revocation.forget_user(target);
  if (!user.avatar_url.empty()) context_.avatars.remove(user.avatar_url);
  context_.log(MG_LOG_INFO, "admin deleted user " + std::to_string(target));
  exchange.reply(200, "user deleted", nullptr);
}

void AdminController::set_banned(pluginkit::HttpExchange &exchange, const std::string &id,
                                 bool banned) {
  const int64_t target =
      authorize(exchange, banned ? AdminAction::kBan : AdminAction::kUnban, id).id;
  context_.users.update_status(target, banned ? "banned" : "active");
  // A ban ends every session of the user at once, on every node.
  if (banned) context_.revocation.revoke_all(target);
  context_.log(MG_LOG_INFO,
               std::string(banned ? "banned" : "unbanned") + " user " + std::to_string(target));
  std::optional<UserRecord> updated = context_.users.find_by_id(target);
  if (!updated) throw ApiError(404, "user not found");
  exchange.reply(200, banned ? "user banned" : "user unbanned", updated->to_json());
}

}  // namespace meetgate::auth
