// Who is calling, as auth.verify_token answered it.
#pragma once

#include <cstdint>
#include <string>

namespace meetgate::meeting {

struct Caller {
  int64_t user_id = 0;
  std::string username;
  std::string role;  // account role: user | admin
  bool is_admin() const { return role == "admin"; }
};

}  // namespace meetgate::meeting
