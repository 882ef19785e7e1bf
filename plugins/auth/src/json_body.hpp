// A parsed JSON request body with field accessors that throw ApiError(400)
// naming the offending field, so handlers never see malformed input.
#pragma once

#include <cstdint>
#include <meetgate/pluginkit/json_ptr.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace meetgate::auth {

class JsonBody {
 public:
  // Parses `body`; an empty body is an empty object. Throws ApiError(400)
  // when it is not a JSON object.
  static JsonBody parse(std::string_view body);

  std::string required_string(const char *field) const;
  std::optional<std::string> optional_string(const char *field) const;
  bool has(const char *field) const;

 private:
  explicit JsonBody(pluginkit::JsonPtr root) : root_(std::move(root)) {}
  pluginkit::JsonPtr root_;
};

}  // namespace meetgate::auth
