// A refusal answered in the seed's error envelope:
// {"code":status,"message":message,"error":detail}. Thrown by validation and
// services, caught once where the HTTP answer is written.
#pragma once

#include <stdexcept>
#include <string>

namespace meetgate::ai {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, std::string detail = "")
      : std::runtime_error(message), status_(status), detail_(std::move(detail)) {}
  int status() const { return status_; }
  const std::string &detail() const { return detail_; }

  // 400 naming the offending field: message "invalid <field>", detail why.
  static ApiError invalid(const std::string &field, const std::string &why) {
    return ApiError(400, "invalid " + field, field + ": " + why);
  }

 private:
  int status_;
  std::string detail_;
};

}  // namespace meetgate::ai
