#include "profile_controller.hpp"

#include <filesystem>

#include "api_error.hpp"
#include "identity_rules.hpp"
#include "image_sniffer.hpp"
#include "json_body.hpp"
#include "multipart_parser.hpp"
#include "password_policy.hpp"

namespace meetgate::auth {

UserRecord ProfileController::load_caller(const RequestAuthenticator::Caller &caller) {
  std::optional<UserRecord> user = context_.users.find_by_id(caller.claims.user_id);
  if (!user) throw ApiError(404, "user not found");
  return *user;
}

void ProfileController::get_profile(pluginkit::HttpExchange &exchange) {
  RequestAuthenticator::Caller caller = RequestAuthenticator::authenticate(context_, exchange);
  exchange.reply(200, "success", load_caller(caller).to_json());
}

void ProfileController::update_profile(pluginkit::HttpExchange &exchange) {
  RequestAuthenticator::Caller caller = RequestAuthenticator::authenticate(context_, exchange);
  JsonBody body = JsonBody::parse(exchange.body());
  std::optional<std::string> nickname = body.optional_string("nickname");
  std::optional<std::string> email = body.optional_string("email");
  if (nickname && !IdentityRules::is_valid_nickname(*nickname)) {
    throw ApiError(400, "nickname must be at most 100 characters without control characters",
                   "nickname");
  }
  if (email) {
    if (!IdentityRules::is_valid_email(*email)) {
      throw ApiError(400, "email is not a valid address", "email");
    }
    email = IdentityRules::normalize_email(*email);
  }
  if (!nickname && !email) throw ApiError(400, "nothing to update: send nickname or email", "body");
  if (!context_.users.update_profile(caller.claims.user_id, nickname, email)) {
    throw ApiError(404, "user not found");
  }
  exchange.reply(200, "profile updated", load_caller(caller).to_json());
}

void ProfileController::change_password(pluginkit::HttpExchange &exchange) {
  RequestAuthenticator::Caller caller = RequestAuthenticator::authenticate(context_, exchange);
  JsonBody body = JsonBody::parse(exchange.body());
  std::optional<std::string> old_password = body.optional_string("old_password");
  if (!old_password || old_password->empty()) {
    old_password = body.optional_string("current_password");
  }
  if (!old_password || old_password->empty()) {
    throw ApiError(400, "old_password is required", "old_password");
  }
  const std::string new_password = body.required_string("new_password");
  UserRecord user = load_caller(caller);
  if (!context_.hasher.verify(user.password_hash, *old_password)) {
    throw ApiError(400, "old_password is incorrect", "old_password");
  }
  if (std::optional<std::string> problem = PasswordPolicy::check(new_password, user.username)) {
    throw ApiError(400, *problem, "new_password");
  }
  if (new_password == *old_password) {
    throw ApiError(400, "new_password must differ from the old one", "new_password");
  }
  context_.users.update_password(user.id, context_.hasher.hash(new_password));
  // Every token issued so far dies now; the caller gets a fresh pair.
  context_.revocation.revoke_all(user.id);
  user = load_caller(caller);
  TokenService::Pair pair = context_.tokens.issue(user);
  if (caller.by_cookie) {
    exchange.add_header(
        "Set-Cookie", context_.access_cookie(pair.access_token, context_.config.access_token_ttl));
  }
  context_.log(MG_LOG_INFO, "user " + std::to_string(user.id) + " changed password");
  exchange.reply(200, "password changed; other sessions were signed out",
                 context_.tokens.pair_json(pair, user));
}

std::string_view ProfileController::avatar_bytes(const pluginkit::HttpExchange &exchange) const {
  const std::string content_type = exchange.header("Content-Type").value_or("");
  std::optional<std::string> boundary = MultipartParser::boundary_of(content_type);
  if (!boundary) {
    throw ApiError(400, "expected multipart/form-data with a boundary", "Content-Type");
  }
  MultipartParser::Outcome parsed = MultipartParser::parse(exchange.body(), *boundary);
  if (!parsed.ok()) throw ApiError(400, "malformed multipart body", parsed.error);
  const MultipartPart *file = nullptr;
  for (const MultipartPart &part : parsed.parts) {
    if (part.name == "avatar" || part.name == "file") {
      file = &part;
      break;
    }
  }
  if (file == nullptr) throw ApiError(400, "avatar file is required", "avatar");
  if (file->data.size() > static_cast<size_t>(context_.config.avatar_max_bytes)) {
    throw ApiError(
        413, "avatar too large",
        "avatar: at most " + std::to_string(context_.config.avatar_max_bytes) + " bytes");
  }
  if (file->data.empty()) throw ApiError(400, "avatar file is empty", "avatar");
  return file->data;
}

void ProfileController::upload_avatar(pluginkit::HttpExchange &exchange) {
  RequestAuthenticator::Caller caller = RequestAuthenticator::authenticate(context_, exchange);
  if (exchange.body().size() > static_cast<size_t>(context_.config.avatar_max_bytes) + 65536) {
    throw ApiError(413, "avatar too large");
  }
  std::string_view bytes = avatar_bytes(exchange);
  std::optional<ImageType> type = ImageSniffer::sniff(bytes);
  if (!type) throw ApiError(400, "avatar must be a PNG, JPEG, GIF or WebP image", "avatar");
  UserRecord user = load_caller(caller);
  const std::string name = context_.avatars.save(bytes, *type);
  const std::string url = context_.avatar_url(name);
  if (!context_.users.update_avatar(user.id, url)) {
    context_.avatars.remove(name);
    throw ApiError(404, "user not found");
  }
  if (!user.avatar_url.empty()) context_.avatars.remove(user.avatar_url);
  json_t *data = json_object();
  json_object_set_new(data, "avatar_url", json_string(url.c_str()));
  json_object_set_new(data, "user", load_caller(caller).to_json());
  exchange.reply(200, "avatar uploaded", data);
}

void ProfileController::delete_account(pluginkit::HttpExchange &exchange) {
  RequestAuthenticator::Caller caller = RequestAuthenticator::authenticate(context_, exchange);
  UserRecord user = load_caller(caller);
  // An optional password re-confirmation, checked when sent.
  JsonBody body = JsonBody::parse(exchange.body());
  if (std::optional<std::string> password = body.optional_string("password")) {
    if (!context_.hasher.verify(user.password_hash, *password)) {
      throw ApiError(400, "password is incorrect", "password");
    }
  }
  context_.users.soft_delete(user.id);
  context_.revocation.revoke_all(user.id);
  context_.revocation.forget_user(user.id);
  if (!user.avatar_url.empty()) context_.avatars.remove(user.avatar_url);
  context_.log(MG_LOG_INFO, "user " + std::to_string(user.id) + " deleted their account");
  exchange.add_header("Set-Cookie", context_.access_cookie("", 0));
  exchange.reply(200, "account deleted", nullptr);
}

void ProfileController::download_avatar(pluginkit::HttpExchange &exchange,
                                        const std::string &name) {
  std::optional<std::filesystem::path> path = context_.avatars.resolve(name);
  std::optional<ImageType> type;
  if (const size_t dot = name.rfind('.'); dot != std::string::npos) {
    type = ImageSniffer::from_extension(std::string_view(name).substr(dot + 1));
  }
  if (!path || !type) throw ApiError(404, "avatar not found");
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(*path, error);
  if (error) throw ApiError(404, "avatar not found");
  exchange.add_header("Cache-Control", "public, max-age=86400");
  exchange.add_header("X-Content-Type-Options", "nosniff");
  exchange.reply_file(path->string(), std::string(type->mime).c_str(), size);
}

}  // namespace meetgate::auth
