// A request that cannot be served, carrying the HTTP status, the envelope's
// message and its "error" detail. Handlers throw it; the router answers it.
#pragma once

#include <stdexcept>
#include <string>

namespace meetgate::auth {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, std::string detail = "", int retry_after = 0)
      : std::runtime_error(message),
        status_(status),
        detail_(detail.empty() ? message : std::move(detail)),
        retry_after_(retry_after) {}

  int status() const { return status_; }
  const std::string &detail() const { return detail_; }
  // Seconds for a Retry-After header (429); 0 = none.
  int retry_after() const { return retry_after_; }

 private:
  int status_;
  std::string detail_;
  int retry_after_;
};

}  // namespace meetgate::auth
