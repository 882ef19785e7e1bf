// DTLS-SRTP over an ICE component (RFC 5764): OpenSSL with a memory BIO for
// what arrives and a datagram BIO that hands each record flight straight to
// the ICE agent, retransmission timers on the worker loop, the peer's
// certificate checked against the fingerprint of the remote SDP, and the
// SRTP keys exported once the handshake is done.
#pragma once

#include <openssl/ssl.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "srtp_session.hpp"
#include "worker_timer.hpp"

namespace meetgate::media {

class DtlsTransport {
 public:
  using SendFn = std::function<void(const uint8_t *data, size_t len)>;
  // Keys are master key || master salt for each direction.
  using ConnectedFn = std::function<void(SrtpProfile profile, const std::vector<uint8_t> &inbound,
                                         const std::vector<uint8_t> &outbound)>;
  using FailedFn = std::function<void(const std::string &reason)>;

  DtlsTransport(SSL_CTX *context, GMainContext *loop, SendFn send, ConnectedFn connected,
                FailedFn failed);
  ~DtlsTransport();
  DtlsTransport(const DtlsTransport &) = delete;
  DtlsTransport &operator=(const DtlsTransport &) = delete;

  // The role from SDP: active = DTLS client. Set before start().
  void set_role(bool active);
  // "sha-256" fingerprint ("AB:CD:..") the peer's certificate must have.
  void set_remote_fingerprint(const std::string &algorithm, const std::string &fingerprint);
  // ICE is connected: the client sends its ClientHello.
  void start();
  // A datagram whose first byte is 20..63 (RFC 7983).
  void handle_datagram(const uint8_t *data, size_t len);

  bool connected() const { return state_ == State::kConnected; }
  bool role_set() const { return role_set_; }
  bool active() const { return active_; }

  int write_to_ice(const char *data, int len);

 private:
  enum class State { kNew, kHandshaking, kConnected, kFailed, kClosed };
  void step_handshake();
  void arm_timer();
  void complete_handshake();
  void fail(const std::string &reason);

  SSL *ssl_ = nullptr;
  BIO *incoming_ = nullptr;  // owned by ssl_
  GMainContext *loop_;
  SendFn send_;
  ConnectedFn connected_;
  FailedFn failed_;
  WorkerTimer retransmit_timer_;
  State state_ = State::kNew;
  bool active_ = false;
  bool role_set_ = false;
  std::string remote_algorithm_, remote_fingerprint_;
};

}  // namespace meetgate::media
