#include "srtp_session.hpp"

#include <cstring>
#include <mutex>

namespace meetgate::media {
namespace {

void set_policy(srtp_policy_t &policy, SrtpProfile profile) {
  if (profile == SrtpProfile::kAeadAes128Gcm) {
    srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
    srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
  } else {
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
  }
}

bool create_session(srtp_t &session, SrtpProfile profile, const uint8_t *key,
                    srtp_ssrc_type_t direction, std::string &error) {
  srtp_policy_t policy;
  std::memset(&policy, 0, sizeof policy);
  set_policy(policy, profile);
  policy.ssrc.type = direction;
  policy.key = const_cast<uint8_t *>(key);
  policy.window_size = 1024;
  // Retransmissions answer NACKs with the packet already sent once.
  policy.allow_repeat_tx = 1;
  policy.next = nullptr;
  srtp_err_status_t status = srtp_create(&session, &policy);
  if (status != srtp_err_status_ok) {
    session = nullptr;
    error = "srtp_create failed (" + std::to_string(static_cast<int>(status)) + ")";
    return false;
  }
  return true;
}

}  // namespace

SrtpSession::~SrtpSession() {
  if (inbound_) srtp_dealloc(inbound_);
  if (outbound_) srtp_dealloc(outbound_);
}

bool SrtpSession::initialize_library() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = srtp_init() == srtp_err_status_ok; });
  return ok;
}

bool SrtpSession::start(SrtpProfile profile, const uint8_t *inbound_key,
                        const uint8_t *outbound_key, std::string &error) {
  return create_session(inbound_, profile, inbound_key, ssrc_any_inbound, error) &&
         create_session(outbound_, profile, outbound_key, ssrc_any_outbound, error);
}

bool SrtpSession::unprotect_rtp(uint8_t *data, size_t &len) {
  int length = static_cast<int>(len);
  if (!inbound_ || srtp_unprotect(inbound_, data, &length) != srtp_err_status_ok) return false;
  len = static_cast<size_t>(length);
  return true;
}

bool SrtpSession::unprotect_rtcp(uint8_t *data, size_t &len) {
  int length = static_cast<int>(len);
  if (!inbound_ || srtp_unprotect_rtcp(inbound_, data, &length) != srtp_err_status_ok) return false;
  len = static_cast<size_t>(length);
  return true;
}

bool SrtpSession::protect_rtp(uint8_t *data, size_t &len, size_t capacity) {
  if (!outbound_ || len + SRTP_MAX_TRAILER_LEN > capacity) return false;
  int length = static_cast<int>(len);
  if (srtp_protect(outbound_, data, &length) != srtp_err_status_ok) return false;
  len = static_cast<size_t>(length);
  return true;
}

bool SrtpSession::protect_rtcp(uint8_t *data, size_t &len, size_t capacity) {
  if (!outbound_ || len + SRTP_MAX_TRAILER_LEN > capacity) return false;
  int length = static_cast<int>(len);
  if (srtp_protect_rtcp(outbound_, data, &length) != srtp_err_status_ok) return false;
  len = static_cast<size_t>(length);
  return true;
}

size_t SrtpSession::key_length(SrtpProfile) {
  return 16;
}
size_t SrtpSession::salt_length(SrtpProfile profile) {
  return profile == SrtpProfile::kAeadAes128Gcm ? 12 : 14;
}

}  // namespace meetgate::media
