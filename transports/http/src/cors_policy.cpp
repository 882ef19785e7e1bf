#include "cors_policy.hpp"

#include <algorithm>

namespace meetgate::transport {
namespace {

std::string join(const std::vector<std::string> &items) {
  std::string joined;
  for (const auto &item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item;
  }
  return joined;
}

// Response headers a browser script may read.
constexpr const char *kExposedHeaders = "X-Request-ID, Content-Disposition, Content-Range";

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins, std::vector<std::string> methods,
                       std::vector<std::string> headers, unsigned max_age)
    : origins_(std::move(origins)),
      methods_(join(methods)),
      headers_(join(headers)),
      max_age_(max_age) {
  any_origin_ = std::find(origins_.begin(), origins_.end(), "*") != origins_.end();
}

bool CorsPolicy::origin_allowed(std::string_view origin) const {
  if (origin.empty()) return false;
  if (any_origin_) return true;
  return std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

HeaderList CorsPolicy::response_headers(std::string_view origin) const {
  HeaderList headers;
  if (origin.empty()) return headers;
  if (any_origin_) {
    headers.emplace_back("Access-Control-Allow-Origin", "*");
  } else {
    // The answer depends on Origin: caches must keep one copy per origin.
    headers.emplace_back("Vary", "Origin");
    if (!origin_allowed(origin)) return headers;
    headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
    headers.emplace_back("Access-Control-Allow-Credentials", "true");
  }
  headers.emplace_back("Access-Control-Expose-Headers", kExposedHeaders);
  return headers;
}

PreflightAnswer CorsPolicy::preflight(std::string_view origin,
                                      std::string_view requested_method) const {
  PreflightAnswer answer{204, response_headers(origin)};
  if (origin.empty() || requested_method.empty()) {
    answer.headers.emplace_back("Allow", methods_);
    return answer;
  }
  if (!origin_allowed(origin)) {
    answer.status = 403;
    return answer;
  }
  answer.headers.emplace_back("Access-Control-Allow-Methods", methods_);
  answer.headers.emplace_back("Access-Control-Allow-Headers", headers_);
  answer.headers.emplace_back("Access-Control-Max-Age", std::to_string(max_age_));
  return answer;
}

}  // namespace meetgate::transport
