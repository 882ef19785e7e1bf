#include <charconv>
#include <meetgate/storage/url.hpp>

namespace meetgate::storage {
namespace {

bool starts_with(const std::string &text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

int parse_number(std::string_view text, int low, int high, const std::string &url,
                 const char *what) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high)
    throw Error("invalid " + std::string(what) + " in URL " + redact_url(url));
  return value;
}

}  // namespace

DatabaseTarget parse_database_url(const std::string &url) {
  if (url.empty()) throw Error("empty database URL");
  if (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))
    return {Dialect::kPostgres, url};
  if (starts_with(url, "sqlite://")) {
    std::string path = url.substr(std::string_view("sqlite://").size());
    if (path.empty()) throw Error("sqlite URL without a path: " + url);
    return {Dialect::kSqlite, path};
  }
  if (url.find("://") != std::string::npos)
    throw Error("unsupported database URL scheme: " + redact_url(url));
  return {Dialect::kSqlite, url};
}

RedisTarget parse_redis_url(const std::string &url) {
  constexpr std::string_view scheme = "redis://";
  if (!starts_with(url, scheme))
    throw Error("redis URL must start with redis://: " + redact_url(url));
  std::string rest = url.substr(scheme.size());
  RedisTarget target;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string credentials = rest.substr(0, at);
    auto colon = credentials.find(':');
    target.password = colon == std::string::npos ? credentials : credentials.substr(colon + 1);
    rest = rest.substr(at + 1);
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    std::string db = rest.substr(slash + 1);
    if (!db.empty()) target.db = parse_number(db, 0, 1 << 16, url, "database number");
    rest = rest.substr(0, slash);
  }
  // host[:port] or [ipv6][:port]
  std::string::size_type host_end = rest.size();
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string::npos) throw Error("unbalanced '[' in URL " + redact_url(url));
    target.host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') throw Error("malformed host in URL " + redact_url(url));
      target.port = parse_number(std::string_view(rest).substr(close + 2), 1, 65535, url, "port");
    }
    return target;
  }
  if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    target.port = parse_number(std::string_view(rest).substr(colon + 1), 1, 65535, url, "port");
    host_end = colon;
  }
  rest = rest.substr(0, host_end);
  if (!rest.empty()) target.host = rest;
  return target;
}

std::string redact_url(const std::string &url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  auto authority_start = scheme_end + 3;
  auto at = url.find('@', authority_start);
  auto slash = url.find('/', authority_start);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
  auto colon = url.find(':', authority_start);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace meetgate::storage
