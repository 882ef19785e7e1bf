// PeerConnection: lifecycle and signaling (SDP offer/answer, trickle ICE).
// The packet path is in peer_connection_media.cpp.
#include "peer_connection.hpp"

#include <glib.h>
#include <openssl/rand.h>

#include <cstdio>

#include "dtls_identity.hpp"
#include "media_worker.hpp"
#include "sdp_negotiator.hpp"
#include "sdp_parser.hpp"
#include "sdp_writer.hpp"

namespace meetgate::media {
namespace {

uint32_t random_u32() {
  uint32_t value = 0;
  while (value == 0) RAND_bytes(reinterpret_cast<unsigned char *>(&value), sizeof value);
  return value;
}

std::string random_token(size_t length) {
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string token;
  for (size_t i = 0; i < length; ++i) token += alphabet[random_u32() % (sizeof alphabet - 1)];
  return token;
}

}  // namespace

PeerConnection::PeerConnection(Setup setup)
    : setup_(std::move(setup)),
      cname_(random_token(16)),
      stream_id_("meetgate-" + std::to_string(setup_.id)),
      sdp_session_id_(random_u32()) {}

PeerConnection::~PeerConnection() {
  release_transport();
}

bool PeerConnection::open(std::string &error) {
  IceAgent::Callbacks callbacks;
  callbacks.candidate = [this](const std::string &candidate) { on_local_candidate(candidate); };
  callbacks.gathering_done = [this] { on_gathering_done(); };
  callbacks.connected = [this] { on_ice_connected(); };
  callbacks.failed = [this] { close("ice-failed", true); };
  callbacks.received = [this](uint8_t *data, size_t len) { on_datagram(data, len); };
  ice_ = std::make_unique<IceAgent>(setup_.worker->context(), setup_.ice, std::move(callbacks));
  if (!ice_->start(error)) return false;
  dtls_ = std::make_unique<DtlsTransport>(
      setup_.identity->context(), setup_.worker->context(),
      [this](const uint8_t *data, size_t len) {
        if (ice_) ice_->send(data, len);
      },
      [this](SrtpProfile profile, const std::vector<uint8_t> &inbound,
             const std::vector<uint8_t> &outbound) {
        on_dtls_connected(profile, inbound, outbound);
      },
      [this](const std::string &reason) { close(reason, true); });
  ice_timeout_.start(setup_.worker->context(),
                     static_cast<unsigned>(setup_.ice_timeout_seconds) * 1000, [this] {
                       if (!connected_) close("ice-timeout", true);
                       return false;
                     });
  return true;
}

int PeerConnection::set_remote_description(const std::string &type, const std::string &sdp,
                                           std::string &error) {
  if (closed_) {
    error = "PeerConnection is closed";
    return 410;
  }
  SessionDescription description;
  if (!SdpParser::parse(type, sdp, description, error)) return 400;
  if (type == "answer" && !local_offer_pending_) {
    error = "no local offer to answer";
    return 409;
  }
  std::vector<Transceiver> updated = transceivers_;
  if (type == "offer") {
    SdpNegotiator::apply_offer(description, updated, setup_.raw_rtp);
  } else if (!SdpNegotiator::apply_answer(description, updated, error)) {
    return 400;
  }
  SessionDescription previous = std::move(remote_);
  remote_ = std::move(description);
  if (int status = apply_remote_transport(remote_, error); status != 0) {
    remote_ = std::move(previous);
    return status;
  }
  transceivers_ = std::move(updated);
  assign_local_ssrcs();
  ssrc_to_transceiver_.clear();
  for (size_t i = 0; i < transceivers_.size(); ++i)
    for (uint32_t ssrc : transceivers_[i].remote_ssrcs) ssrc_to_transceiver_[ssrc] = i;
  have_remote_offer_ = type == "offer";
  local_offer_pending_ = false;
  update_transport_cc();
  ice_->gather();
  return 0;
}

int PeerConnection::apply_remote_transport(const SessionDescription &description,
                                           std::string &error) {
  const SdpMedia *transport = nullptr;
  for (const auto &media : description.media)
    if (!media.rejected()) {
      transport = &media;
      break;
    }
  if (!transport) {
    error = "every m-line is rejected";
    return 400;
  }
  bool remote_offer = description.type == "offer";
  if (!dtls_->role_set()) {
    if (!remote_offer && transport->setup == "actpass") {
      error = "an answer must say setup:active or setup:passive";
      return 400;
    }
    if (!ice_->set_remote_credentials(transport->ice_ufrag, transport->ice_pwd)) {
      error = "invalid ICE credentials";
      return 400;
    }
    dtls_->set_role(transport->setup != "active");
    ice_controlling_ = remote_offer ? description.ice_lite && !setup_.ice.lite : !setup_.ice.lite;
    ice_->set_controlling(ice_controlling_);
  }
  dtls_->set_remote_fingerprint(transport->fingerprint_algorithm, transport->fingerprint);
  for (const auto &candidate : transport->candidates) ice_->add_remote_candidate(candidate);
  if (transport->end_of_candidates) ice_->remote_gathering_done();
  return 0;
}

void PeerConnection::assign_local_ssrcs() {
  for (auto &transceiver : transceivers_) {
    if (!transceiver.local_send || transceiver.local_ssrc) continue;
    transceiver.local_ssrc = random_u32();
    transceiver.local_msid = stream_id_ + " " + transceiver.kind + "-" + transceiver.mid;
  }
}

LocalTransport PeerConnection::local_transport(const std::string &setup) const {
  LocalTransport transport;
  transport.ice_ufrag = ice_->local_ufrag();
  transport.ice_pwd = ice_->local_pwd();
  transport.fingerprint = setup_.identity->fingerprint();
  transport.setup = setup;
  transport.candidates = ice_->local_candidates();
  transport.end_of_candidates = ice_->gathering_done();
  transport.ice_lite = setup_.ice.lite;
  transport.cname = cname_;
  return transport;
}

json_t *PeerConnection::finish_local_description(const SessionDescription &description) {
  SessionDescription numbered = description;
  numbered.session_id = sdp_session_id_;
  numbered.session_version = session_version_++;
  for (size_t i = 0; i < numbered.media.size(); ++i)
    if (!numbered.media[i].rejected()) {
      bundle_mid_ = numbered.media[i].mid;
      bundle_index_ = static_cast<int>(i);
      break;
    }
  local_description_sent_ = true;
  std::string text = SdpWriter::write(numbered);
  return json_pack("{s:s,s:s}", "type", numbered.type.c_str(), "sdp", text.c_str());
}

json_t *PeerConnection::create_answer(std::string &error) {
  if (closed_ || !have_remote_offer_) {
    error = closed_ ? "PeerConnection is closed" : "no remote offer to answer";
    return nullptr;
  }
  have_remote_offer_ = false;
  std::string setup = dtls_->active() ? "active" : "passive";
  return finish_local_description(
      SdpNegotiator::write_answer(remote_, transceivers_, local_transport(setup)));
}

json_t *PeerConnection::create_offer(std::string &error) {
  if (closed_ || have_remote_offer_) {
    error = closed_ ? "PeerConnection is closed" : "answer the pending remote offer first";
    return nullptr;
  }
  if (transceivers_.empty()) {
    error = "nothing to offer: no m-lines";
    return nullptr;
  }
  for (auto &transceiver : transceivers_) {
    if (transceiver.rejected) continue;
    bool send = transceiver.local_send, receive = receives(transceiver.direction);
    transceiver.direction = send && receive ? SdpDirection::kSendRecv
                            : send          ? SdpDirection::kSendOnly
                            : receive       ? SdpDirection::kRecvOnly
                                            : SdpDirection::kInactive;
  }
  if (!dtls_->role_set()) {
    ice_controlling_ = !setup_.ice.lite;
    ice_->set_controlling(ice_controlling_);
  }
  ice_->gather();
  // Offers always say actpass (RFC 8842 §5.2, JSEP); once the DTLS role is set a
  // re-offer's answer does not change it (see apply_remote_transport).
  const std::string setup = "actpass";
  local_offer_pending_ = true;
  return finish_local_description(
      SdpNegotiator::write_offer(transceivers_, local_transport(setup)));
}

int PeerConnection::add_candidate(const json_t *candidate, std::string &error) {
  if (closed_) {
    error = "PeerConnection is closed";
    return 410;
  }
  if (remote_.media.empty()) {
    error = "set a remote description before candidates";
    return 409;
  }
  const char *line = json_string_value(json_object_get(candidate, "candidate"));
  if (json_is_true(json_object_get(candidate, "completed")) || (line && line[0] == '\0')) {
    ice_->remote_gathering_done();
    return 0;
  }
  if (!line) {
    error = "candidate must be a string";
    return 400;
  }
  std::string text = line;
  // mDNS host names (RFC 8828 ".local") cannot be resolved here; the peer's
  // other candidates (or peer-reflexive ones) still connect.
  if (text.find(".local ") != std::string::npos) return 0;
  if (text.rfind("candidate:", 0) != 0 && text.rfind("a=candidate:", 0) != 0) {
    error = "candidate must start with \"candidate:\"";
    return 400;
  }
  // ICE-TCP candidates are valid but this engine only does UDP.
  if (text.find(" tcp ") != std::string::npos || text.find(" TCP ") != std::string::npos) return 0;
  if (!ice_->add_remote_candidate(text)) {
    error = "unusable ICE candidate";
    return 400;
  }
  return 0;
}

void PeerConnection::on_local_candidate(const std::string &candidate) {
  if (!local_description_sent_ || closed_) return;  // the next SDP carries it
  emit(json_pack("{s:s,s:s,s:s,s:i}", "event", "candidate", "candidate", candidate.c_str(),
                 "sdpMid", bundle_mid_.c_str(), "sdpMLineIndex", bundle_index_));
}

void PeerConnection::on_gathering_done() {
  if (!local_description_sent_ || closed_) return;
  emit(json_pack("{s:s}", "event", "end-of-candidates"));
}

void PeerConnection::on_ice_connected() {
  if (!closed_) dtls_->start();
}

void PeerConnection::on_dtls_connected(SrtpProfile profile, const std::vector<uint8_t> &inbound,
                                       const std::vector<uint8_t> &outbound) {
  auto srtp = std::make_unique<SrtpSession>();
  std::string error;
  if (!srtp->start(profile, inbound.data(), outbound.data(), error)) {
    close("srtp-failed: " + error, true);
    return;
  }
  srtp_ = std::move(srtp);
  connected_ = true;
  ice_timeout_.cancel();
  update_transport_cc();
  release_held_consumers();
  emit(json_pack(
      "{s:s,s:s}", "event", "connected", "srtp",
      profile == SrtpProfile::kAeadAes128Gcm ? "AEAD_AES_128_GCM" : "AES_CM_128_HMAC_SHA1_80"));
}

void PeerConnection::close(const std::string &reason, bool failed) {
  if (closed_) return;
  // The registry may hold the last reference: keep this object alive until
  // the deferred teardown below has run.
  std::shared_ptr<PeerConnection> self = shared_from_this();
  closed_ = true;
  ice_timeout_.cancel();
  transport_cc_timer_.cancel();
  leave_router();
  emit(json_pack("{s:s,s:s}", "event", failed ? "failed" : "closed", "reason", reason.c_str()));
  if (setup_.plugin->hangup_media)
    setup_.plugin->hangup_media(setup_.session, setup_.id, reason.c_str());
  if (setup_.closed) setup_.closed(setup_.id);
  // Tear libnice/OpenSSL down from an idle callback: close() may run inside
  // one of their callbacks, where freeing the agent is not allowed.
  setup_.worker->post([self = std::move(self)] { self->release_transport(); });
}

void PeerConnection::release_transport() {
  ice_timeout_.cancel();
  transport_cc_timer_.cancel();
  dtls_.reset();
  ice_.reset();
  srtp_.reset();
}

void PeerConnection::emit(json_t *event) {
  if (!event) return;
  if (setup_.plugin->media_event) setup_.plugin->media_event(setup_.session, setup_.id, event);
  json_decref(event);
}

}  // namespace meetgate::media
