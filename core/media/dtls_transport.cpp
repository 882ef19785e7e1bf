#include "dtls_transport.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <strings.h>

#include "dtls_identity.hpp"

namespace meetgate::media {
namespace {

// Below the common 1280-byte IPv6 minimum minus UDP/IP headers.
constexpr long kDtlsMtu = 1200;
constexpr char kExporterLabel[] = "EXTRACTOR-dtls_srtp";

int datagram_write(BIO *bio, const char *data, int len) {
  auto *transport = static_cast<DtlsTransport *>(BIO_get_data(bio));
  return transport ? transport->write_to_ice(data, len) : -1;
}

long datagram_ctrl(BIO *, int command, long, void *) {
  switch (command) {
    case BIO_CTRL_FLUSH:
      return 1;
    case BIO_CTRL_DGRAM_QUERY_MTU:
    case BIO_CTRL_DGRAM_GET_FALLBACK_MTU:
      return kDtlsMtu;
    case BIO_CTRL_WPENDING:
    case BIO_CTRL_PENDING:
    case BIO_CTRL_DGRAM_GET_MTU_OVERHEAD:
    default:
      return 0;
  }
}

int datagram_create(BIO *bio) {
  BIO_set_init(bio, 1);
  return 1;
}

// One BIO_METHOD for the process: each write is one datagram to ICE, which
// keeps DTLS record boundaries that a memory BIO would merge.
BIO_METHOD *datagram_method() {
  static BIO_METHOD *method = [] {
    BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "mg-dtls-ice");
    BIO_meth_set_write(m, datagram_write);
    BIO_meth_set_ctrl(m, datagram_ctrl);
    BIO_meth_set_create(m, datagram_create);
    return m;
  }();
  return method;
}

}  // namespace

DtlsTransport::DtlsTransport(SSL_CTX *context, GMainContext *loop, SendFn send,
                             ConnectedFn connected, FailedFn failed)
    : loop_(loop),
      send_(std::move(send)),
      connected_(std::move(connected)),
      failed_(std::move(failed)) {
  ssl_ = SSL_new(context);
  incoming_ = BIO_new(BIO_s_mem());
  BIO_set_mem_eof_return(incoming_, -1);
  BIO *outgoing = BIO_new(datagram_method());
  BIO_set_data(outgoing, this);
  SSL_set_bio(ssl_, incoming_, outgoing);
  SSL_set_options(ssl_, SSL_OP_NO_QUERY_MTU);
  SSL_set_mtu(ssl_, kDtlsMtu);
  DTLS_set_link_mtu(ssl_, kDtlsMtu);
}

DtlsTransport::~DtlsTransport() {
  retransmit_timer_.cancel();
  if (ssl_) {
    BIO_set_data(SSL_get_wbio(ssl_), nullptr);
    SSL_free(ssl_);
  }
}

int DtlsTransport::write_to_ice(const char *data, int len) {
  if (len > 0) send_(reinterpret_cast<const uint8_t *>(data), static_cast<size_t>(len));
  return len;
}

void DtlsTransport::set_role(bool active) {
  if (state_ != State::kNew) return;  // a re-offer cannot change a running handshake
  active_ = active;
  role_set_ = true;
  if (active)
    SSL_set_connect_state(ssl_);
  else
    SSL_set_accept_state(ssl_);
}

void DtlsTransport::set_remote_fingerprint(const std::string &algorithm,
                                           const std::string &fingerprint) {
  remote_algorithm_ = algorithm;
  remote_fingerprint_ = fingerprint;
}

void DtlsTransport::start() {
  if (state_ != State::kNew || !role_set_) return;
  state_ = State::kHandshaking;
  if (active_) step_handshake();
}

void DtlsTransport::handle_datagram(const uint8_t *data, size_t len) {
  if (state_ == State::kFailed || state_ == State::kClosed || !role_set_) return;
  if (state_ == State::kNew)
    state_ = State::kHandshaking;  // peer's hello came before our ICE event
  BIO_write(incoming_, data, static_cast<int>(len));
  if (state_ == State::kHandshaking) {
    step_handshake();
    return;
  }
  // Connected: nothing but alerts and close_notify is expected over DTLS.
  uint8_t scratch[1500];
  int read = SSL_read(ssl_, scratch, sizeof scratch);
  if (read <= 0 && (SSL_get_shutdown(ssl_) & SSL_RECEIVED_SHUTDOWN)) {
    state_ = State::kClosed;
    failed_("dtls-closed");
  }
  ERR_clear_error();
}

void DtlsTransport::step_handshake() {
  int result = SSL_do_handshake(ssl_);
  if (result == 1) {
    complete_handshake();
    return;
  }
  int error = SSL_get_error(ssl_, result);
  if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
    char text[256];
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    ERR_clear_error();
    fail(std::string("dtls-handshake-failed: ") + text);
    return;
  }
  arm_timer();
}

void DtlsTransport::arm_timer() {
  timeval timeout{};
  if (DTLSv1_get_timeout(ssl_, &timeout) != 1) return;
  unsigned delay_ms = static_cast<unsigned>(timeout.tv_sec * 1000 + timeout.tv_usec / 1000);
  retransmit_timer_.start(loop_, delay_ms ? delay_ms : 1, [this] {
    if (state_ != State::kHandshaking) return false;
    if (DTLSv1_handle_timeout(ssl_) < 0) {
      fail("dtls-timeout");
      return false;
    }
    arm_timer();
    return false;
  });
}

void DtlsTransport::complete_handshake() {
  retransmit_timer_.cancel();
  X509 *peer = SSL_get1_peer_certificate(ssl_);
  std::string actual = DtlsIdentity::fingerprint_of(peer);
  X509_free(peer);
  if (strcasecmp(remote_algorithm_.c_str(), "sha-256") != 0 || actual.empty() ||
      strcasecmp(actual.c_str(), remote_fingerprint_.c_str()) != 0) {
    fail("dtls-fingerprint-mismatch");
    return;
  }
  SRTP_PROTECTION_PROFILE *selected = SSL_get_selected_srtp_profile(ssl_);
  if (!selected) {
    fail("dtls-no-srtp-profile");
    return;
  }
  SrtpProfile profile = selected->id == SRTP_AEAD_AES_128_GCM ? SrtpProfile::kAeadAes128Gcm
                                                              : SrtpProfile::kAes128CmSha1_80;
  size_t key_len = SrtpSession::key_length(profile), salt_len = SrtpSession::salt_length(profile);
  // RFC 5764 4.2: client key, server key, client salt, server salt.
  std::vector<uint8_t> material(2 * (key_len + salt_len));
  if (SSL_export_keying_material(ssl_, material.data(), material.size(), kExporterLabel,
                                 sizeof kExporterLabel - 1, nullptr, 0, 0) != 1) {
    fail("dtls-export-failed");
    return;
  }
  auto key_of = [&](bool client) {
    std::vector<uint8_t> key(material.begin() + (client ? 0 : key_len),
                             material.begin() + (client ? key_len : 2 * key_len));
    size_t salt_at = 2 * key_len + (client ? 0 : salt_len);
    key.insert(key.end(), material.begin() + salt_at, material.begin() + salt_at + salt_len);
    return key;
  };
  state_ = State::kConnected;
  // We write with our role's key and read with the other's.
  connected_(profile, key_of(!active_), key_of(active_));
}

void DtlsTransport::fail(const std::string &reason) {
  retransmit_timer_.cancel();
  state_ = State::kFailed;
  failed_(reason);
}

}  // namespace meetgate::media
