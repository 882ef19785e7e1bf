// The headers of one request, copied out of the HTTP library so they outlive
// its callbacks, with case-insensitive lookup.
#pragma once

#include <meetgate/common.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meetgate::transport {

class RequestHeaders {
 public:
  void add(std::string name, std::string value);
  // The first header called `name` (any case), or "" when absent.
  std::string_view find(std::string_view name) const;
  size_t size() const { return entries_.size(); }
  // Total bytes of names and values (for limits).
  size_t byte_size() const { return bytes_; }
  // An mg_header view of the entries; valid while this object is unchanged.
  std::vector<mg_header> abi_view() const;

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
  size_t bytes_ = 0;
};

bool equals_ignore_case(std::string_view a, std::string_view b);

}  // namespace meetgate::transport
