// The SRTP/SRTCP contexts of one PeerConnection (libsrtp2): one inbound and one
// outbound session keyed from the DTLS-SRTP exporter. Protect/unprotect work in
// place on a caller's buffer that has SRTP_MAX_TRAILER_LEN spare bytes.
#pragma once

#include <srtp2/srtp.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace meetgate::media {

enum class SrtpProfile { kAes128CmSha1_80, kAeadAes128Gcm };

class SrtpSession {
 public:
  SrtpSession() = default;
  ~SrtpSession();
  SrtpSession(const SrtpSession &) = delete;
  SrtpSession &operator=(const SrtpSession &) = delete;

  // Key both directions: each key is master key followed by master salt.
  bool start(SrtpProfile profile, const uint8_t *inbound_key, const uint8_t *outbound_key,
             std::string &error);
  bool ready() const { return inbound_ && outbound_; }

  // Each returns false when the packet must be dropped; `len` is updated.
  bool unprotect_rtp(uint8_t *data, size_t &len);
  bool unprotect_rtcp(uint8_t *data, size_t &len);
  // `capacity` is the buffer size; must leave room for the SRTP trailer.
  bool protect_rtp(uint8_t *data, size_t &len, size_t capacity);
  bool protect_rtcp(uint8_t *data, size_t &len, size_t capacity);

  // Key and salt lengths of a profile, for the DTLS exporter.
  static size_t key_length(SrtpProfile profile);
  static size_t salt_length(SrtpProfile profile);

  // srtp_init once per process (idempotent, thread-safe).
  static bool initialize_library();

 private:
  srtp_t inbound_ = nullptr;
  srtp_t outbound_ = nullptr;
};

}  // namespace meetgate::media
