// The gateway's DTLS certificate and key: an ECDSA P-256 self-signed
// certificate generated at engine start, or a PEM pair from config. Shared by
// every PeerConnection through one SSL_CTX; its SHA-256 fingerprint goes into
// every SDP the engine writes.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace meetgate::media {

class DtlsIdentity {
 public:
  // Generate a fresh identity, or use the PEM texts `cert_pem`/`key_pem`
  // when both are set. Returns nullptr with `error` set on failure.
  static std::unique_ptr<DtlsIdentity> create(const std::string &cert_pem,
                                              const std::string &key_pem, std::string &error);
  ~DtlsIdentity();
  DtlsIdentity(const DtlsIdentity &) = delete;
  DtlsIdentity &operator=(const DtlsIdentity &) = delete;

  SSL_CTX *context() const { return context_; }
  // "AB:CD:..." SHA-256 of the DER certificate, as SDP's a=fingerprint wants.
  const std::string &fingerprint() const { return fingerprint_; }

  // The SHA-256 fingerprint of any certificate, same format.
  static std::string fingerprint_of(X509 *certificate);

 private:
  DtlsIdentity(X509 *certificate, EVP_PKEY *key);
  bool make_context(std::string &error);

  X509 *certificate_;
  EVP_PKEY *key_;
  SSL_CTX *context_ = nullptr;
  std::string fingerprint_;
};

}  // namespace meetgate::media
