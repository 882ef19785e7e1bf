// One PeerConnection's transport for `meetgate-bench sfu`: an IceAgent
// (libnice), a DtlsTransport and, once DTLS is up, an SrtpSession, all on
// one MediaWorker thread. The videoroom client has two of them (publisher,
// subscriber); the leg only moves packets, the SfuPeer does the signaling.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dtls_transport.hpp"
#include "ice_agent.hpp"
#include "sdp_description.hpp"
#include "srtp_session.hpp"

namespace meetgate::media {
class DtlsIdentity;
class MediaWorker;
struct LocalTransport;
}  // namespace meetgate::media

namespace meetgate::bench {

class SfuLeg {
 public:
  struct Callbacks {
    std::function<void()> gathered;                       // local candidates complete
    std::function<void()> connected;                      // DTLS-SRTP up
    std::function<void(uint8_t *data, size_t len)> rtp;   // decrypted
    std::function<void(uint8_t *data, size_t len)> rtcp;  // decrypted
    std::function<void(const std::string &reason)> failed;
  };

  SfuLeg(media::MediaWorker &worker, const media::DtlsIdentity &identity, Callbacks callbacks);
  ~SfuLeg();
  SfuLeg(const SfuLeg &) = delete;
  SfuLeg &operator=(const SfuLeg &) = delete;

  // Worker thread. Start gathering; `controlling` per RFC 8445 (the offerer,
  // unless the other side is ice-lite).
  bool start(bool controlling, std::string &error);
  bool gathered() const { return gathered_; }
  bool connected() const { return srtp_ != nullptr; }
  // Our ICE/DTLS parameters for an SDP (setup: actpass / active).
  media::LocalTransport local_transport(const std::string &setup, const std::string &cname) const;
  // The remote's transport from its SDP (first non-rejected m-line);
  // `we_are_dtls_client` from the setup attributes.
  bool apply_remote(const media::SessionDescription &remote, bool we_are_dtls_client,
                    std::string &error);
  void add_remote_candidate(const std::string &candidate, bool completed);
  // Protect in place (buffer capacity `capacity`) and send.
  bool send_rtp(uint8_t *buffer, size_t len, size_t capacity);
  bool send_rtcp(uint8_t *buffer, size_t len, size_t capacity);

 private:
  void on_datagram(uint8_t *data, size_t len);
  void on_dtls_connected(media::SrtpProfile profile, const std::vector<uint8_t> &inbound,
                         const std::vector<uint8_t> &outbound);

  media::MediaWorker &worker_;
  const media::DtlsIdentity &identity_;
  Callbacks callbacks_;
  std::unique_ptr<media::IceAgent> ice_;
  std::unique_ptr<media::DtlsTransport> dtls_;
  std::unique_ptr<media::SrtpSession> srtp_;
  bool gathered_ = false, remote_applied_ = false;
};

}  // namespace meetgate::bench
