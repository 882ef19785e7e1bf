#include "auth_router.hpp"

#include <map>

#include "api_error.hpp"

namespace meetgate::auth {
namespace {

std::string normalize(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// Segments after "/api/v1/": "/api/v1/admin/users/3/ban" -> admin,users,3,ban.
std::vector<std::string> segments_of(const std::string &path) {
  std::vector<std::string> out;
  constexpr std::string_view kRoot = "/api/v1/";
  if (!path.starts_with(kRoot)) return out;
  size_t start = kRoot.size();
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

enum class Action {
  kRegister,
  kLogin,
  kRefresh,
  kLogout,
  kCsrf,
  kProfile,
  kChangePassword,
  kUploadAvatar,
  kAccount,
};

const std::map<std::string, Action> &fixed_routes() {
  static const std::map<std::string, Action> routes = {
      {"/api/v1/register", Action::kRegister},
      {"/api/v1/auth/register", Action::kRegister},
      {"/api/v1/login", Action::kLogin},
      {"/api/v1/auth/login", Action::kLogin},
      {"/api/v1/refresh-token", Action::kRefresh},
      {"/api/v1/auth/refresh", Action::kRefresh},
      {"/api/v1/auth/refresh-token", Action::kRefresh},
      {"/api/v1/auth/logout", Action::kLogout},
      {"/api/v1/csrf-token", Action::kCsrf},
      {"/api/v1/auth/csrf-token", Action::kCsrf},
      {"/api/v1/profile", Action::kProfile},
      {"/api/v1/users/profile", Action::kProfile},
      {"/api/v1/change-password", Action::kChangePassword},
      {"/api/v1/users/change-password", Action::kChangePassword},
      {"/api/v1/upload-avatar", Action::kUploadAvatar},
      {"/api/v1/users/upload-avatar", Action::kUploadAvatar},
      {"/api/v1/account", Action::kAccount},
      {"/api/v1/users/account", Action::kAccount},
  };
  return routes;
}

[[noreturn]] void method_not_allowed(const std::string &allowed) {
  throw ApiError(405, "method not allowed", "allowed: " + allowed);
}

}  // namespace

std::vector<std::string> AuthRouter::json_prefixes() {
  return {"/api/v1/register",        "/api/v1/login",   "/api/v1/refresh-token", "/api/v1/profile",
          "/api/v1/change-password", "/api/v1/account", "/api/v1/admin/users",   "/api/v1/auth",
          "/api/v1/csrf-token",      "/api/v1/avatars"};
}

std::vector<std::string> AuthRouter::upload_prefixes() {
  return {"/api/v1/upload-avatar", "/api/v1/users"};
}

bool AuthRouter::is_inline(const std::string &method, const std::string &path) {
  return method == "GET" &&
         (path.starts_with("/api/v1/avatars/") || normalize(path) == "/api/v1/csrf-token");
}

void AuthRouter::dispatch(pluginkit::HttpExchange &exchange) {
  try {
    route(exchange);
  } catch (const ApiError &error) {
    if (error.retry_after() > 0) {
      exchange.add_header("Retry-After", std::to_string(error.retry_after()));
    }
    exchange.reply(error.status(), error.what(), json_string(error.detail().c_str()));
  } catch (const storage::Error &error) {
    context_.log(MG_LOG_ERROR, std::string("storage error: ") + error.what());
    exchange.reply(503, "storage unavailable", json_string("try again later"));
  } catch (const std::exception &error) {
    context_.log(MG_LOG_ERROR, std::string("internal error: ") + error.what());
    exchange.reply(500, "internal error", json_string("see the gateway log"));
  }
}

void AuthRouter::route(pluginkit::HttpExchange &exchange) {
  const std::string path = normalize(exchange.path());
  const std::string &method = exchange.method();
  auto fixed = fixed_routes().find(path);
  if (fixed != fixed_routes().end()) {
    switch (fixed->second) {
      case Action::kRegister:
        if (method != "POST") method_not_allowed("POST");
        return accounts_.register_user(exchange);
      case Action::kLogin:
        if (method != "POST") method_not_allowed("POST");
        return accounts_.login(exchange);
      case Action::kRefresh:
        if (method != "POST") method_not_allowed("POST");
        return accounts_.refresh(exchange);
      case Action::kLogout:
        if (method != "POST") method_not_allowed("POST");
        return accounts_.logout(exchange);
      case Action::kCsrf:
        if (method != "GET") method_not_allowed("GET");
        return accounts_.csrf_token(exchange);
      case Action::kProfile:
        if (method == "GET") return profiles_.get_profile(exchange);
        if (method == "PUT") return profiles_.update_profile(exchange);
        method_not_allowed("GET, PUT");
      case Action::kChangePassword:
        if (method != "POST") method_not_allowed("POST");
        return profiles_.change_password(exchange);
      case Action::kUploadAvatar:
        if (method != "POST") method_not_allowed("POST");
        return profiles_.upload_avatar(exchange);
      case Action::kAccount:
        if (method != "DELETE") method_not_allowed("DELETE");
        return profiles_.delete_account(exchange);
    }
  }
  const std::vector<std::string> segments = segments_of(path);
  if (segments.size() == 2 && segments[0] == "avatars") {
    if (method != "GET" && method != "HEAD") method_not_allowed("GET");
    return profiles_.download_avatar(exchange, segments[1]);
  }
  if (route_admin(exchange, segments)) return;
  throw ApiError(404, "not found", path);
}

bool AuthRouter::route_admin(pluginkit::HttpExchange &exchange,
                             const std::vector<std::string> &segments) {
  if (segments.size() < 2 || segments[0] != "admin" || segments[1] != "users") return false;
  const std::string &method = exchange.method();
  if (segments.size() == 2) {
    if (method != "GET") method_not_allowed("GET");
    admin_.list_users(exchange);
    return true;
  }
  if (segments.size() == 3) {
    if (method == "GET") {
      admin_.get_user(exchange, segments[2]);
    } else if (method == "PUT") {
      admin_.update_user(exchange, segments[2]);
    } else if (method == "DELETE") {
      admin_.delete_user(exchange, segments[2]);
    } else {
      method_not_allowed("GET, PUT, DELETE");
    }
    return true;
  }
  if (segments.size() == 4 && (segments[3] == "ban" || segments[3] == "unban")) {
    if (method != "POST") method_not_allowed("POST");
    admin_.set_banned(exchange, segments[2], segments[3] == "ban");
    return true;
  }
  return false;
}

}  // namespace meetgate::auth
