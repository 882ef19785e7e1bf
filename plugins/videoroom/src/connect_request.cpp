#include "connect_request.hpp"

#include <strings.h>

#include <cctype>
#include <cstdlib>

namespace meetgate::videoroom {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      decoded += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      decoded += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      decoded += c;
    }
  }
  return decoded;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// Printable ASCII without spaces, 1..128 bytes: ids end up in JSON and logs.
bool plain_id(const std::string &text) {
  if (text.empty() || text.size() > 128) return false;
  for (unsigned char c : text) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    const std::string key = percent_decode(pair.substr(0, eq));
    if (key != name) continue;
    return eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::optional<std::string> header_value(const mg_http_request &request, std::string_view name) {
  for (size_t i = 0; i < request.header_count; ++i) {
    const mg_header &header = request.headers[i];
    if (header.name == nullptr || header.value == nullptr) continue;
    if (std::string_view(header.name).size() == name.size() &&
        strncasecmp(header.name, name.data(), name.size()) == 0) {
      return std::string(header.value);
    }
  }
  return std::nullopt;
}

std::optional<std::string> cookie_value(const mg_http_request &request, std::string_view name) {
  auto cookies = header_value(request, "Cookie");
  if (!cookies) return std::nullopt;
  std::string_view rest = *cookies;
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    std::string_view pair = trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
    return std::string(trim(pair.substr(eq + 1)));
  }
  return std::nullopt;
}

std::string token_of(const mg_http_request &request) {
  const std::string_view query = request.query ? request.query : "";
  for (const char *name : {"token", "access_token"}) {
    auto value = query_value(query, name);
    if (value && !value->empty()) return *value;
  }
  if (auto authorization = header_value(request, "Authorization")) {
    std::string_view text = trim(*authorization);
    if (text.size() > 7 && strncasecmp(text.data(), "Bearer ", 7) == 0) {
      return std::string(trim(text.substr(7)));
    }
  }
  if (auto cookie = cookie_value(request, "access_token"); cookie && !cookie->empty()) {
    return *cookie;
  }
  return {};
}

std::optional<ConnectRefusal> parse_connect_request(const mg_http_request &request,
                                                    ConnectRequest &out) {
  const std::string_view query = request.query ? request.query : "";
  auto user_id = query_value(query, "user_id");
  auto meeting_id = query_value(query, "meeting_id");
  auto peer_id = query_value(query, "peer_id");
  if (!user_id || user_id->empty() || !meeting_id || meeting_id->empty() || !peer_id ||
      peer_id->empty()) {
    return ConnectRefusal{400, "missing parameters: user_id, meeting_id and peer_id are required"};
  }
  char *end = nullptr;
  const long long user = std::strtoll(user_id->c_str(), &end, 10);
  if (end != user_id->c_str() + user_id->size() || user <= 0) {
    return ConnectRefusal{400, "invalid user_id: must be a positive integer"};
  }
  if (!plain_id(*meeting_id)) return ConnectRefusal{400, "invalid meeting_id"};
  if (!plain_id(*peer_id)) return ConnectRefusal{400, "invalid peer_id"};
  out.user_id = user;
  out.meeting_id = *meeting_id;
  out.peer_id = *peer_id;
  out.token = token_of(request);
  if (out.token.empty()) return ConnectRefusal{401, "missing token"};
  return std::nullopt;
}

}  // namespace meetgate::videoroom
