#include "user_record.hpp"

namespace meetgate::auth {

json_t *UserRecord::to_json() const {
  json_t *out = json_object();
  json_object_set_new(out, "id", json_integer(id));
  json_object_set_new(out, "user_id", json_integer(id));
  json_object_set_new(out, "username", json_string(username.c_str()));
  json_object_set_new(out, "email", json_string(email.c_str()));
  json_object_set_new(out, "nickname", json_string(nickname.c_str()));
  json_object_set_new(out, "avatar_url", json_string(avatar_url.c_str()));
  json_object_set_new(out, "role", json_string(role.c_str()));
  json_object_set_new(out, "status", json_string(status.c_str()));
  json_object_set_new(out, "created_at", json_string(created_at.c_str()));
  json_object_set_new(out, "updated_at", json_string(updated_at.c_str()));
  json_object_set_new(out, "last_login_at",
                      last_login_at.empty() ? json_null() : json_string(last_login_at.c_str()));
  return out;
}

}  // namespace meetgate::auth
