// What TokenVerifier concluded about a request: the verified user, or why it
// was refused together with the status, message and detail the plugins answer
// with (401 "unauthorized", 403 "CSRF token missing or invalid", 503
// "authentication unavailable"). A plugin that words a refusal differently
// switches on failure() instead.
#pragma once

#include <string>
#include <utility>

#include "verified_user.hpp"

namespace meetgate::pluginkit {

class AuthOutcome {
 public:
  enum class Failure {
    kNone,             // accepted: user() is set
    kMissingToken,     // no Authorization header, no access_token cookie
    kMalformedHeader,  // an Authorization header that is not "Bearer <token>"
    kCsrfMismatch,     // cookie token on an unsafe method without the double submit
    kInvalidToken,     // auth.verify_token refused it (or answered no user)
    kUnavailable,      // no auth plugin answers auth.verify_token
  };

  static AuthOutcome accepted(VerifiedUser user) {
    AuthOutcome outcome;
    outcome.user_ = std::move(user);
    return outcome;
  }
  static AuthOutcome refused(Failure failure, int status, std::string message, std::string detail) {
    AuthOutcome outcome;
    outcome.failure_ = failure;
    outcome.status_ = status;
    outcome.message_ = std::move(message);
    outcome.detail_ = std::move(detail);
    return outcome;
  }

  bool ok() const { return failure_ == Failure::kNone; }
  Failure failure() const { return failure_; }
  int status() const { return status_; }  // 0 when accepted
  const std::string &message() const { return message_; }
  const std::string &detail() const { return detail_; }
  const VerifiedUser &user() const { return user_; }

 private:
  AuthOutcome() = default;

  Failure failure_ = Failure::kNone;
  int status_ = 0;
  std::string message_;
  std::string detail_;
  VerifiedUser user_;
};

}  // namespace meetgate::pluginkit
