#include "user_repository.hpp"

#include <ctime>

#include "api_error.hpp"

namespace meetgate::auth {
namespace {

using storage::Value;

constexpr const char *kColumns =
    "id, username, email, password_hash, nickname, avatar_url, role, status, created_at, "
    "updated_at, last_login_at, token_version";

// "2026-11-25 18:49:12.123456" (either backend) -> "2026-11-25T18:49:12Z".
std::string iso_time(const std::string &stored) {
  if (stored.size() < 19) return stored;
  std::string out = stored.substr(0, 19);
  out[10] = 'T';
  return out + "Z";
}

UserRecord from_row(const storage::Row &row) {
  UserRecord user;
  user.id = row.integer("id");
  user.username = row.text("username");
  user.email = row.text("email");
  user.password_hash = row.text("password_hash");
  user.nickname = row.text("nickname");
  user.avatar_url = row.text("avatar_url");
  user.role = row.text("role", "user");
  user.status = row.text("status", "active");
  user.created_at = iso_time(row.text("created_at"));
  user.updated_at = iso_time(row.text("updated_at"));
  user.last_login_at = iso_time(row.text("last_login_at"));
  user.token_version = row.integer("token_version");
  return user;
}

// LIKE pattern with %, _ and the escape character itself escaped.
std::string like_pattern(const std::string &keyword) {
  std::string out = "%";
  for (char c : keyword) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out + "%";
}

const std::vector<storage::Migration> &migrations() {
  static const std::vector<storage::Migration> list = {
      {1, "users table (seed schema + last_login_at, token_version)",
       "CREATE TABLE IF NOT EXISTS users ("
       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
       " username VARCHAR(50) UNIQUE NOT NULL,"
       " email VARCHAR(100) UNIQUE NOT NULL,"
       " password_hash VARCHAR(255) NOT NULL,"
       " nickname VARCHAR(100),"
       " avatar_url VARCHAR(255),"
       " role VARCHAR(20) DEFAULT 'user',"
       " status VARCHAR(20) DEFAULT 'active',"
       " created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
       " updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
       " last_login_at TIMESTAMP,"
       " token_version INTEGER NOT NULL DEFAULT 0);"
       "CREATE UNIQUE INDEX IF NOT EXISTS users_username_ci ON users (lower(username));"
       "CREATE INDEX IF NOT EXISTS users_status ON users (status)",
       "CREATE TABLE IF NOT EXISTS users ("
       " id SERIAL PRIMARY KEY,"
       " username VARCHAR(50) UNIQUE NOT NULL,"
       " email VARCHAR(100) UNIQUE NOT NULL,"
       " password_hash VARCHAR(255) NOT NULL,"
       " nickname VARCHAR(100),"
       " avatar_url VARCHAR(255),"
       " role VARCHAR(20) DEFAULT 'user',"
       " status VARCHAR(20) DEFAULT 'active',"
       " created_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),"
       " updated_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),"
       " last_login_at TIMESTAMP,"
       " token_version INTEGER NOT NULL DEFAULT 0);"
       "CREATE UNIQUE INDEX IF NOT EXISTS users_username_ci ON users (lower(username));"
       "CREATE INDEX IF NOT EXISTS users_status ON users (status)"},
  };
  return list;
}

}  // namespace

std::string UserRepository::now_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

void UserRepository::migrate() {
  db_.migrate("auth", migrations());
}

UserRecord UserRepository::create(const NewUser &user) {
  if (username_taken(user.username)) throw ApiError(409, "username already taken", "username");
  if (email_taken(user.email)) throw ApiError(409, "email already taken", "email");
  const std::string now = now_utc();
  storage::Result result;
  try {
    result = db_.exec(
        "INSERT INTO users (username, email, password_hash, nickname, avatar_url, role, status,"
        " created_at, updated_at, token_version) VALUES ($1, $2, $3, $4, '', $5, 'active', $6,"
        " $6, 0) RETURNING id",
        {user.username, user.email, user.password_hash, user.nickname, user.role, now});
  } catch (const storage::Error &error) {
    // A concurrent registration won the race between the check and insert.
    if (error.constraint_violation()) throw ApiError(409, "username or email already taken");
    throw;
  }
  if (result.empty()) throw storage::Error("INSERT ... RETURNING id returned no row");
  std::optional<UserRecord> created = find_by_id(result.rows.front().integer("id"));
  if (!created) throw storage::Error("created user vanished");
  return *created;
}

std::optional<UserRecord> UserRepository::find_by_id(int64_t id) {
  storage::Result result = db_.exec(
      std::string("SELECT ") + kColumns + " FROM users WHERE id = $1 AND status <> 'deleted'",
      {id});
  if (result.empty()) return std::nullopt;
  return from_row(result.rows.front());
}

std::optional<UserRecord> UserRepository::find_by_login(const std::string &login) {
  const bool by_email = login.find('@') != std::string::npos;
  const std::string where = by_email ? "email = lower($1)" : "lower(username) = lower($1)";
  storage::Result result = db_.exec(
      std::string("SELECT ") + kColumns + " FROM users WHERE " + where + " AND status <> 'deleted'",
      {login});
  if (result.empty()) return std::nullopt;
  return from_row(result.rows.front());
}

bool UserRepository::username_taken(const std::string &username, int64_t except_id) {
  return !db_.exec("SELECT id FROM users WHERE lower(username) = lower($1) AND id <> $2",
                   {username, except_id})
              .empty();
}

bool UserRepository::email_taken(const std::string &email, int64_t except_id) {
  return !db_.exec("SELECT id FROM users WHERE email = $1 AND id <> $2", {email, except_id})
              .empty();
}

bool UserRepository::update_one(const std::string &sql, const std::vector<Value> &params) {
  return db_.exec(sql, params).affected > 0;
}

bool UserRepository::update_profile(int64_t id, const std::optional<std::string> &nickname,
                                    const std::optional<std::string> &email) {
  if (email && email_taken(*email, id)) throw ApiError(409, "email already taken", "email");
  try {
    return update_one(
        "UPDATE users SET nickname = COALESCE($2, nickname), email = COALESCE($3, email),"
        " updated_at = $4 WHERE id = $1 AND status <> 'deleted'",
        {id, nickname ? Value(*nickname) : Value(), email ? Value(*email) : Value(), now_utc()});
  } catch (const storage::Error &error) {
    if (error.constraint_violation()) throw ApiError(409, "email already taken", "email");
    throw;
  }
}

bool UserRepository::update_avatar(int64_t id, const std::string &avatar_url) {
  return update_one(
      "UPDATE users SET avatar_url = $2, updated_at = $3 WHERE id = $1 AND status <> 'deleted'",
      {id, avatar_url, now_utc()});
}

bool UserRepository::update_password(int64_t id, const std::string &password_hash) {
  return update_one(
      "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1 AND status <> "
      "'deleted'",
      {id, password_hash, now_utc()});
}

bool UserRepository::update_role(int64_t id, const std::string &role) {
  return update_one(
      "UPDATE users SET role = $2, updated_at = $3 WHERE id = $1 AND status <> 'deleted'",
      {id, role, now_utc()});
}

bool UserRepository::update_status(int64_t id, const std::string &status) {
  return update_one(
      "UPDATE users SET status = $2, updated_at = $3 WHERE id = $1 AND status <> 'deleted'",
      {id, status, now_utc()});
}

bool UserRepository::touch_login(int64_t id) {
  return update_one("UPDATE users SET last_login_at = $2 WHERE id = $1", {id, now_utc()});
}

bool UserRepository::soft_delete(int64_t id) {
  // Frees the username and email for new accounts; the hash can never match.
  const std::string tag = "deleted_" + std::to_string(id);
  return update_one(
      "UPDATE users SET status = 'deleted', username = $2, email = $3, password_hash = '',"
      " nickname = '', avatar_url = '', updated_at = $4 WHERE id = $1 AND status <> 'deleted'",
      {id, tag, tag + "@deleted.invalid", now_utc()});
}

std::optional<int64_t> UserRepository::bump_token_version(int64_t id) {
  if (!update_one("UPDATE users SET token_version = token_version + 1 WHERE id = $1", {id})) {
    return std::nullopt;
  }
  return token_version(id);
}

std::optional<int64_t> UserRepository::token_version(int64_t id) {
  storage::Result result = db_.exec("SELECT token_version, status FROM users WHERE id = $1", {id});
  if (result.empty() || result.rows.front().text("status") == "deleted") return std::nullopt;
  return result.rows.front().integer("token_version");
}

int64_t UserRepository::count_admins() {
  storage::Result result =
      db_.exec("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND status = 'active'");
  return result.empty() ? 0 : result.rows.front().integer("n");
}

UserPage UserRepository::list(int64_t page, int64_t page_size, const std::string &keyword) {
  const std::string filter =
      " FROM users WHERE status <> 'deleted' AND ($1 = '' OR lower(username) LIKE $2 ESCAPE '!'"
      " OR lower(email) LIKE $2 ESCAPE '!' OR lower(COALESCE(nickname, '')) LIKE $2 ESCAPE '!')";
  const std::string pattern = like_pattern(keyword);
  UserPage out;
  storage::Result count = db_.exec("SELECT COUNT(*) AS n" + filter, {keyword, pattern});
  out.total = count.empty() ? 0 : count.rows.front().integer("n");
  storage::Result rows =
      db_.exec(std::string("SELECT ") + kColumns + filter + " ORDER BY id DESC LIMIT $3 OFFSET $4",
               {keyword, pattern, page_size, (page - 1) * page_size});
  for (const storage::Row &row : rows.rows) out.users.push_back(from_row(row));
  return out;
}

}  // namespace meetgate::auth
