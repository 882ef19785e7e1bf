#include "request_headers.hpp"

namespace meetgate::transport {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

void RequestHeaders::add(std::string name, std::string value) {
  bytes_ += name.size() + value.size();
  entries_.emplace_back(std::move(name), std::move(value));
}

std::string_view RequestHeaders::find(std::string_view name) const {
  for (const auto &[key, value] : entries_) {
    if (equals_ignore_case(key, name)) return value;
  }
  return {};
}

std::vector<mg_header> RequestHeaders::abi_view() const {
  std::vector<mg_header> view;
  view.reserve(entries_.size());
  for (const auto &[key, value] : entries_) view.push_back(mg_header{key.c_str(), value.c_str()});
  return view;
}

}  // namespace meetgate::transport
