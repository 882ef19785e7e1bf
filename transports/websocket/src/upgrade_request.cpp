#include "upgrade_request.hpp"

#include "support/percent_encoding.hpp"
#include "support/request_id.hpp"

namespace meetgate::transport {
namespace {

// Headers lws does not know by name but the core and plugins care about.
constexpr const char *kCustomHeaders[] = {"x-request-id:", "x-real-ip:", "x-csrf-token:"};

std::string copy_token(lws *wsi, lws_token_indexes token) {
  int length = lws_hdr_total_length(wsi, token);
  if (length <= 0) return {};
  std::string value(static_cast<size_t>(length) + 1, '\0');
  int copied = lws_hdr_copy(wsi, value.data(), length + 1, token);
  value.resize(copied > 0 ? static_cast<size_t>(copied) : 0);
  return value;
}

// The method tokens lws stores the URI under, in the order it checks them.
struct MethodToken {
  lws_token_indexes token;
  const char *method;
};
constexpr MethodToken kMethods[] = {
    {WSI_TOKEN_GET_URI, "GET"},         {WSI_TOKEN_POST_URI, "POST"},
    {WSI_TOKEN_OPTIONS_URI, "OPTIONS"}, {WSI_TOKEN_HEAD_URI, "HEAD"},
    {WSI_TOKEN_PUT_URI, "PUT"},         {WSI_TOKEN_PATCH_URI, "PATCH"},
    {WSI_TOKEN_DELETE_URI, "DELETE"},
};

}  // namespace

UpgradeRequest::UpgradeRequest(lws *wsi) {
  read_target(wsi);
  read_headers(wsi);
  char peer[128] = {0};
  lws_get_peer_simple(wsi, peer, sizeof(peer) - 1);
  remote_ = peer;
  if (remote_.rfind("::ffff:", 0) == 0 && remote_.find('.') != std::string::npos) {
    remote_ = remote_.substr(7);  // an IPv4 client on a dual-stack socket
  }
  request_id_ = request_id_for(headers_.find("x-request-id"));
  header_view_ = headers_.abi_view();
  abi_.method = method_.c_str();
  abi_.path = path_.c_str();
  abi_.query = query_.c_str();
  abi_.headers = header_view_.data();
  abi_.header_count = header_view_.size();
  abi_.body = nullptr;
  abi_.body_len = 0;
  abi_.remote_addr = remote_.c_str();
  abi_.request_id = request_id_.c_str();
}

void UpgradeRequest::read_target(lws *wsi) {
  for (const MethodToken &candidate : kMethods) {
    if (lws_hdr_total_length(wsi, candidate.token) > 0) {
      method_ = candidate.method;
      path_ = copy_token(wsi, candidate.token);
      break;
    }
  }
  // lws hands out the query decoded, one "name=value" piece at a time.
  std::vector<std::string> pieces;
  char piece[4096];
  for (int index = 0;; ++index) {
    int length = lws_hdr_copy_fragment(wsi, piece, sizeof(piece), WSI_TOKEN_HTTP_URI_ARGS, index);
    if (length < 0) break;
    pieces.emplace_back(piece, static_cast<size_t>(length));
  }
  query_ = encode_query_pieces(pieces.data(), pieces.size());
}

void UpgradeRequest::read_headers(lws *wsi) {
  for (int index = 0; index < WSI_TOKEN_COUNT; ++index) {
    auto token = static_cast<lws_token_indexes>(index);
    const char *name = reinterpret_cast<const char *>(lws_token_to_string(token));
    if (name == nullptr) continue;
    std::string header_name(name);
    // Real headers end with ':'; method tokens ("get ") and h2 pseudo
    // headers (":path") are not headers.
    if (header_name.empty() || header_name.back() != ':' || header_name.front() == ':') continue;
    std::string value = copy_token(wsi, token);
    if (value.empty()) continue;
    header_name.pop_back();
    headers_.add(std::move(header_name), std::move(value));
  }
  for (const char *name : kCustomHeaders) {
    int name_length = static_cast<int>(strlen(name));
    int length = lws_hdr_custom_length(wsi, name, name_length);
    if (length <= 0) continue;
    std::string value(static_cast<size_t>(length) + 1, '\0');
    int copied = lws_hdr_custom_copy(wsi, value.data(), length + 1, name, name_length);
    if (copied <= 0) continue;
    value.resize(static_cast<size_t>(copied));
    headers_.add(std::string(name, static_cast<size_t>(name_length - 1)), std::move(value));
  }
}

}  // namespace meetgate::transport
