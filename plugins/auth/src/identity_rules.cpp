#include "identity_rules.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace meetgate::auth {
namespace {

bool is_atext(unsigned char c) {
  return std::isalnum(c) || std::strchr("!#$%&'*+/=?^_`{|}~-", c) != nullptr;
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  return std::all_of(local.begin(), local.end(),
                     [](unsigned char c) { return c == '.' || is_atext(c); });
}

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  size_t labels = 0;
  std::string_view last;
  size_t start = 0;
  while (true) {
    size_t dot = domain.find('.', start);
    std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!valid_label(label)) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2 && last.size() >= 2 &&
         std::all_of(last.begin(), last.end(), [](unsigned char c) { return std::isalpha(c); });
}

}  // namespace

bool IdentityRules::is_valid_username(std::string_view username) {
  if (username.size() < 3 || username.size() > 20) return false;
  return std::all_of(username.begin(), username.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

bool IdentityRules::is_valid_email(std::string_view email) {
  if (email.size() > 100) return false;
  const size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return valid_local_part(email.substr(0, at)) && valid_domain(email.substr(at + 1));
}

std::string IdentityRules::normalize_email(std::string_view email) {
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IdentityRules::is_valid_nickname(std::string_view nickname) {
  if (nickname.size() > 100) return false;
  return std::none_of(nickname.begin(), nickname.end(),
                      [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

}  // namespace meetgate::auth
