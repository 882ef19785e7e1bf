#include "bench_sfu_leg.hpp"

#include "dtls_identity.hpp"
#include "media_worker.hpp"
#include "packet_demux.hpp"
#include "sdp_negotiator.hpp"

namespace meetgate::bench {

SfuLeg::SfuLeg(media::MediaWorker &worker, const media::DtlsIdentity &identity, Callbacks callbacks)
    : worker_(worker), identity_(identity), callbacks_(std::move(callbacks)) {}

SfuLeg::~SfuLeg() {
  // DTLS before ICE: its send callback uses the agent.
  dtls_.reset();
  ice_.reset();
}

bool SfuLeg::start(bool controlling, std::string &error) {
  media::IceSettings settings;
  settings.local_addresses = {"127.0.0.1"};
  media::IceAgent::Callbacks callbacks;
  callbacks.candidate = [](const std::string &) {};  // all go into the SDP
  callbacks.gathering_done = [this] {
    gathered_ = true;
    callbacks_.gathered();
  };
  callbacks.connected = [this] {
    if (dtls_) dtls_->start();
  };
  callbacks.failed = [this] { callbacks_.failed("ice-failed"); };
  callbacks.received = [this](uint8_t *data, size_t len) { on_datagram(data, len); };
  ice_ = std::make_unique<media::IceAgent>(worker_.context(), settings, std::move(callbacks));
  if (!ice_->start(error)) return false;
  dtls_ = std::make_unique<media::DtlsTransport>(
      identity_.context(), worker_.context(),
      [this](const uint8_t *data, size_t len) {
        if (ice_) ice_->send(data, len);
      },
      [this](media::SrtpProfile profile, const std::vector<uint8_t> &inbound,
             const std::vector<uint8_t> &outbound) {
        on_dtls_connected(profile, inbound, outbound);
      },
      [this](const std::string &reason) { callbacks_.failed("dtls: " + reason); });
  ice_->set_controlling(controlling);
  ice_->gather();
  return true;
}

media::LocalTransport SfuLeg::local_transport(const std::string &setup,
                                              const std::string &cname) const {
  media::LocalTransport transport;
  transport.ice_ufrag = ice_->local_ufrag();
  transport.ice_pwd = ice_->local_pwd();
  transport.fingerprint = identity_.fingerprint();
  transport.setup = setup;
  transport.candidates = ice_->local_candidates();
  transport.end_of_candidates = true;
  transport.cname = cname;
  return transport;
}

bool SfuLeg::apply_remote(const media::SessionDescription &remote, bool we_are_dtls_client,
                          std::string &error) {
  if (remote_applied_) return true;  // renegotiation: same BUNDLE transport
  const media::SdpMedia *transport = nullptr;
  for (const auto &media : remote.media)
    if (!media.rejected() && !transport) transport = &media;
  if (!transport) {
    error = "no m-line accepted";
    return false;
  }
  if (!ice_->set_remote_credentials(transport->ice_ufrag, transport->ice_pwd)) {
    error = "bad ICE credentials";
    return false;
  }
  remote_applied_ = true;
  dtls_->set_role(we_are_dtls_client);
  dtls_->set_remote_fingerprint(transport->fingerprint_algorithm, transport->fingerprint);
  for (const auto &candidate : transport->candidates) ice_->add_remote_candidate(candidate);
  if (transport->end_of_candidates) ice_->remote_gathering_done();
  return true;
}

void SfuLeg::add_remote_candidate(const std::string &candidate, bool completed) {
  if (!ice_) return;
  if (completed || candidate.empty())
    ice_->remote_gathering_done();
  else if (candidate.find(" tcp ") == std::string::npos)
    ice_->add_remote_candidate(candidate);
}

bool SfuLeg::send_rtp(uint8_t *buffer, size_t len, size_t capacity) {
  return srtp_ && srtp_->protect_rtp(buffer, len, capacity) && ice_->send(buffer, len);
}

bool SfuLeg::send_rtcp(uint8_t *buffer, size_t len, size_t capacity) {
  return srtp_ && srtp_->protect_rtcp(buffer, len, capacity) && ice_->send(buffer, len);
}

void SfuLeg::on_dtls_connected(media::SrtpProfile profile, const std::vector<uint8_t> &inbound,
                               const std::vector<uint8_t> &outbound) {
  auto srtp = std::make_unique<media::SrtpSession>();
  std::string error;
  if (!srtp->start(profile, inbound.data(), outbound.data(), error))
    return callbacks_.failed("srtp: " + error);
  srtp_ = std::move(srtp);
  callbacks_.connected();
}

void SfuLeg::on_datagram(uint8_t *data, size_t len) {
  switch (media::classify_packet(data, len)) {
    case media::PacketClass::kDtls:
      if (dtls_) dtls_->handle_datagram(data, len);
      break;
    case media::PacketClass::kRtp:
      if (srtp_ && srtp_->unprotect_rtp(data, len)) callbacks_.rtp(data, len);
      break;
    case media::PacketClass::kRtcp:
      if (srtp_ && srtp_->unprotect_rtcp(data, len)) callbacks_.rtcp(data, len);
      break;
    default:
      break;
  }
}

}  // namespace meetgate::bench
