// The users table: schema migrations for SQLite and PostgreSQL and every
// query the plugin runs, parameterised. Deleted accounts are kept as rows
// with status "deleted" and a freed username/email, because other plugins'
// tables (meetings.creator_id, participants.user_id) reference users(id).
#pragma once

#include <cstdint>
#include <meetgate/storage/database.hpp>
#include <optional>
#include <string>
#include <vector>

#include "user_record.hpp"

namespace meetgate::auth {

struct UserPage {
  std::vector<UserRecord> users;
  int64_t total = 0;
};

struct NewUser {
  std::string username;
  std::string email;
  std::string password_hash;
  std::string nickname;
  std::string role = "user";
};

class UserRepository {
 public:
  explicit UserRepository(storage::Database &db) : db_(db) {}

  void migrate();

  // Throws ApiError(409) naming the field when the username or email is taken.
  UserRecord create(const NewUser &user);
  std::optional<UserRecord> find_by_id(int64_t id);
  // By username (case-insensitive) or, when it contains '@', by email.
  std::optional<UserRecord> find_by_login(const std::string &login);
  bool username_taken(const std::string &username, int64_t except_id = 0);
  bool email_taken(const std::string &email, int64_t except_id = 0);

  // Each updater returns false when no live user has that id.
  bool update_profile(int64_t id, const std::optional<std::string> &nickname,
                      const std::optional<std::string> &email);
  bool update_avatar(int64_t id, const std::string &avatar_url);
  bool update_password(int64_t id, const std::string &password_hash);
  bool update_role(int64_t id, const std::string &role);
  bool update_status(int64_t id, const std::string &status);
  bool touch_login(int64_t id);
  bool soft_delete(int64_t id);

  // Adds 1 to the user's token version and returns the new one (nullopt
  // when the user does not exist).
  std::optional<int64_t> bump_token_version(int64_t id);
  std::optional<int64_t> token_version(int64_t id);
  int64_t count_admins();

  // Live users (not deleted), newest first; `keyword` matches username,
  // email or nickname case-insensitively.
  UserPage list(int64_t page, int64_t page_size, const std::string &keyword);

  static std::string now_utc();

 private:
  bool update_one(const std::string &sql, const std::vector<storage::Value> &params);
  storage::Database &db_;
};

}  // namespace meetgate::auth
