// Who is calling, as auth.verify_token answered.
#pragma once

#include <cstdint>
#include <string>

namespace meetgate::ai {

struct Caller {
  int64_t user_id = 0;
  std::string username;
  std::string role;  // "user" | "admin"
  bool is_admin() const { return role == "admin"; }
};

}  // namespace meetgate::ai
