#include "dtls_identity.hpp"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

namespace meetgate::media {
namespace {

std::string openssl_error(const char *what) {
  char buffer[256];
  ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
  return std::string(what) + ": " + buffer;
}

// Both DTLS ends authenticate by fingerprint, so the chain is not verified
// here: the PeerConnection compares the peer's fingerprint after the handshake.
int accept_any_certificate(int, X509_STORE_CTX *) {
  return 1;
}

X509 *make_self_signed(EVP_PKEY *key) {
  X509 *certificate = X509_new();
  if (!certificate) return nullptr;
  unsigned char serial_bytes[8];
  RAND_bytes(serial_bytes, sizeof serial_bytes);
  BIGNUM *serial = BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(certificate));
  BN_free(serial);
  X509_set_version(certificate, 2);
  X509_gmtime_adj(X509_getm_notBefore(certificate), -24 * 3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 365L * 24 * 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME *name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char *>("meetgate"), -1, -1, 0);
  X509_set_issuer_name(certificate, name);
  if (!X509_sign(certificate, key, EVP_sha256())) {
    X509_free(certificate);
    return nullptr;
  }
  return certificate;
}

}  // namespace

std::unique_ptr<DtlsIdentity> DtlsIdentity::create(const std::string &cert_pem,
                                                   const std::string &key_pem, std::string &error) {
  X509 *certificate = nullptr;
  EVP_PKEY *key = nullptr;
  if (!cert_pem.empty() && !key_pem.empty()) {
    BIO *cert_bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
    BIO *key_bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
    certificate = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    BIO_free(cert_bio);
    BIO_free(key_bio);
    if (!certificate || !key) {
      X509_free(certificate);
      EVP_PKEY_free(key);
      error = openssl_error("cannot parse the PEM DTLS certificate/key");
      return nullptr;
    }
  } else {
    key = EVP_EC_gen("P-256");
    if (!key) {
      error = openssl_error("ECDSA P-256 key generation failed");
      return nullptr;
    }
    certificate = make_self_signed(key);
    if (!certificate) {
      EVP_PKEY_free(key);
      error = openssl_error("self-signed certificate failed");
      return nullptr;
    }
  }
  std::unique_ptr<DtlsIdentity> identity(new DtlsIdentity(certificate, key));
  if (!identity->make_context(error)) return nullptr;
  return identity;
}

DtlsIdentity::DtlsIdentity(X509 *certificate, EVP_PKEY *key)
    : certificate_(certificate), key_(key), fingerprint_(fingerprint_of(certificate)) {}

DtlsIdentity::~DtlsIdentity() {
  SSL_CTX_free(context_);
  X509_free(certificate_);
  EVP_PKEY_free(key_);
}

bool DtlsIdentity::make_context(std::string &error) {
  context_ = SSL_CTX_new(DTLS_method());
  if (!context_) {
    error = openssl_error("SSL_CTX_new");
    return false;
  }
  if (SSL_CTX_use_certificate(context_, certificate_) != 1 ||
      SSL_CTX_use_PrivateKey(context_, key_) != 1 || SSL_CTX_check_private_key(context_) != 1) {
    error = openssl_error("DTLS certificate/key mismatch");
    return false;
  }
  SSL_CTX_set_min_proto_version(context_, DTLS1_2_VERSION);
  SSL_CTX_set_verify(context_, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                     accept_any_certificate);
  SSL_CTX_set_read_ahead(context_, 1);
  // GCM first: it is cheaper per packet; peers that lack it pick CM-SHA1-80.
  if (SSL_CTX_set_tlsext_use_srtp(context_, "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80") != 0) {
    error = openssl_error("use_srtp");
    return false;
  }
  return true;
}

std::string DtlsIdentity::fingerprint_of(X509 *certificate) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!certificate || !X509_digest(certificate, EVP_sha256(), digest, &length)) return {};
  static const char hex[] = "0123456789ABCDEF";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    if (i) text += ':';
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 15];
  }
  return text;
}

}  // namespace meetgate::media
