#include "account_controller.hpp"

#include <algorithm>
#include <cctype>
#include <meetgate/pluginkit/csrf_guard.hpp>

#include "api_error.hpp"
#include "identity_rules.hpp"
#include "json_body.hpp"
#include "password_policy.hpp"
#include "request_authenticator.hpp"

namespace meetgate::auth {
namespace {

std::string fold(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

void AccountController::enforce_rate(const std::string &subject, const char *endpoint, int64_t max,
                                     int64_t window) {
  RateLimiter::Decision decision = context_.limiter.hit(subject, endpoint, max, window);
  if (!decision.allowed) {
    throw ApiError(429, "too many requests", std::string("rate limit on ") + endpoint,
                   static_cast<int>(decision.retry_after));
  }
}

void AccountController::register_user(pluginkit::HttpExchange &exchange) {
  const AuthConfig &config = context_.config;
  enforce_rate("ip:" + exchange.remote_addr(), "register", config.register_rate_max_per_ip,
               config.register_rate_window);
  JsonBody body = JsonBody::parse(exchange.body());
  NewUser user;
  user.username = body.required_string("username");
  const std::string email = body.required_string("email");
  const std::string password = body.required_string("password");
  user.nickname = body.optional_string("nickname").value_or("");
  if (!IdentityRules::is_valid_username(user.username)) {
    throw ApiError(400, "username must be 3-20 letters, digits or underscores", "username");
  }
  // Per account: attempts on one username (slows probing which names exist).
  enforce_rate("user:" + fold(user.username), "register", config.register_rate_max_per_account,
               config.register_rate_window);
  if (!IdentityRules::is_valid_email(email)) {
    throw ApiError(400, "email is not a valid address", "email");
  }
  user.email = IdentityRules::normalize_email(email);
  if (std::optional<std::string> problem = PasswordPolicy::check(password, user.username)) {
    throw ApiError(400, *problem, "password");
  }
  if (!IdentityRules::is_valid_nickname(user.nickname)) {
    throw ApiError(400, "nickname must be at most 100 characters without control characters",
                   "nickname");
  }
  if (user.nickname.empty()) user.nickname = user.username;
  // Cheap conflict checks before the expensive hash.
  if (context_.users.username_taken(user.username)) {
    throw ApiError(409, "username already taken", "username");
  }
  if (context_.users.email_taken(user.email)) throw ApiError(409, "email already taken", "email");
  user.password_hash = context_.hasher.hash(password);
  UserRecord created = context_.users.create(user);
  context_.log(MG_LOG_INFO, "registered user " + std::to_string(created.id));
  exchange.reply(200, "registration successful", created.to_json());
}

UserRecord AccountController::check_credentials(const std::string &login,
                                                const std::string &password) {
  std::optional<UserRecord> user = context_.users.find_by_login(login);
  if (!user) {
    // Spend the same time as a real check so timing does not reveal which
    // accounts exist.
    static const std::string dummy = context_.hasher.hash("dummy-Password-1");
    context_.hasher.verify(dummy, password);
    context_.lockout.record_failure(login);
    throw ApiError(401, "invalid username or password");
  }
  if (!context_.hasher.verify(user->password_hash, password)) {
    if (int64_t locked = context_.lockout.record_failure(login); locked > 0) {
      throw ApiError(429, "too many failed logins: account temporarily locked", "account locked",
                     static_cast<int>(locked));
    }
    throw ApiError(401, "invalid username or password");
  }
  if (user->status == "banned") throw ApiError(403, "account is banned");
  if (context_.hasher.needs_rehash(user->password_hash)) {
    context_.users.update_password(user->id, context_.hasher.hash(password));
  }
  return *user;
}

void AccountController::login(pluginkit::HttpExchange &exchange) {
  const AuthConfig &config = context_.config;
  enforce_rate("ip:" + exchange.remote_addr(), "login", config.login_rate_max_per_ip,
               config.login_rate_window);
  JsonBody body = JsonBody::parse(exchange.body());
  std::optional<std::string> login = body.optional_string("username");
  if (!login || login->empty()) login = body.optional_string("email");
  if (!login || login->empty()) throw ApiError(400, "username is required", "username");
  const std::string password = body.required_string("password");
  if (login->size() > 100) throw ApiError(400, "username is too long", "username");
  if (password.size() > PasswordPolicy::kMaxLength) {
    throw ApiError(401, "invalid username or password");
  }
  const std::string account = fold(*login);
  enforce_rate("user:" + account, "login", config.login_rate_max_per_account,
               config.login_rate_window);
  if (int64_t locked = context_.lockout.locked_for(account); locked > 0) {
    throw ApiError(429, "too many failed logins: account temporarily locked", "account locked",
                   static_cast<int>(locked));
  }
  UserRecord user = check_credentials(account, password);
  context_.lockout.reset(account);
  context_.users.touch_login(user.id);
  if (std::optional<UserRecord> fresh = context_.users.find_by_id(user.id)) user = *fresh;
  answer_with_tokens(exchange, user, "login successful");
}

void AccountController::answer_with_tokens(pluginkit::HttpExchange &exchange,
                                           const UserRecord &user, const char *message) {
  TokenService::Pair pair = context_.tokens.issue(user);
  exchange.add_header("Set-Cookie",
                      context_.access_cookie(pair.access_token, context_.config.access_token_ttl));
  exchange.add_header("Cache-Control", "no-store");
  exchange.reply(200, message, context_.tokens.pair_json(pair, user));
}

void AccountController::refresh(pluginkit::HttpExchange &exchange) {
  JsonBody body = JsonBody::parse(exchange.body());
  std::optional<std::string> token = body.optional_string("refresh_token");
  if (!token || token->empty()) token = body.optional_string("token");
  if (!token || token->empty()) throw ApiError(400, "refresh_token is required", "refresh_token");
  TokenClaims claims = context_.tokens.verify(*token, TokenType::kRefresh);
  if (!context_.revocation.consume_refresh(claims.jti, claims.expires_at, TokenService::now())) {
    throw ApiError(401, "invalid token", "refresh token already used");
  }
  std::optional<UserRecord> user = context_.users.find_by_id(claims.user_id);
  if (!user) throw ApiError(401, "invalid token", "user no longer exists");
  if (user->status != "active") throw ApiError(403, "account is banned");
  answer_with_tokens(exchange, *user, "token refreshed");
}

void AccountController::logout(pluginkit::HttpExchange &exchange) {
  RequestAuthenticator::Caller caller = RequestAuthenticator::authenticate(context_, exchange);
  const int64_t now = TokenService::now();
  context_.revocation.revoke_token(caller.claims.jti, caller.claims.expires_at, now);
  // Also retire the refresh token if the client hands it over.
  JsonBody body = JsonBody::parse(exchange.body());
  if (std::optional<std::string> refresh = body.optional_string("refresh_token");
      refresh && !refresh->empty()) {
    JwtCodec::Verified verified = context_.codec.decode(*refresh, TokenType::kRefresh, now);
    if (verified.claims && verified.claims->user_id == caller.claims.user_id) {
      context_.revocation.consume_refresh(verified.claims->jti, verified.claims->expires_at, now);
    }
  }
  exchange.add_header("Set-Cookie", context_.access_cookie("", 0));
  exchange.reply(200, "logged out", nullptr);
}

void AccountController::csrf_token(pluginkit::HttpExchange &exchange) {
  const std::string token = pluginkit::CsrfGuard::new_token();
  exchange.add_header("Set-Cookie", context_.csrf_cookie(token));
  exchange.add_header("Cache-Control", "no-store");
  json_t *data = json_object();
  json_object_set_new(data, "csrf_token", json_string(token.c_str()));
  exchange.reply(200, "success", data);
}

}  // namespace meetgate::auth
