// ICE for one PeerConnection with libnice: one stream with one component
// (BUNDLE + rtcp-mux), created on the worker's GLib context so every libnice
// callback runs on that worker. Host candidates only on the configured
// addresses; public_ip rewrites host candidates for a 1:1 NAT; STUN/TURN,
// port range, trickle both ways, consent freshness, ICE-lite.
#pragma once

#include <agent.h>

#include <functional>
#include <string>
#include <vector>

namespace meetgate::media {

struct IceSettings {
  std::vector<std::string> local_addresses;  // numeric IPs to gather host candidates on
  std::string public_ip;                     // advertised instead of host addresses
  std::string stun_ip;
  unsigned stun_port = 0;
  std::string turn_ip;
  unsigned turn_port = 0;
  std::string turn_user, turn_password;
  unsigned port_min = 0, port_max = 0;
  bool lite = false;
};

class IceAgent {
 public:
  struct Callbacks {
    std::function<void(const std::string &candidate)> candidate;  // "candidate:..."
    std::function<void()> gathering_done;
    std::function<void()> connected;
    std::function<void()> failed;
    std::function<void(uint8_t *data, size_t len)> received;
  };

  IceAgent(GMainContext *context, const IceSettings &settings, Callbacks callbacks);
  ~IceAgent();
  IceAgent(const IceAgent &) = delete;
  IceAgent &operator=(const IceAgent &) = delete;

  bool start(std::string &error);
  void gather();
  bool gathering_started() const { return gathering_; }
  bool gathering_done() const { return gathering_done_; }
  void set_controlling(bool controlling);
  bool set_remote_credentials(const std::string &ufrag, const std::string &pwd);
  // Returns false if libnice cannot use the candidate (mDNS names, TCP, ...).
  bool add_remote_candidate(const std::string &candidate);
  void remote_gathering_done();
  std::string local_ufrag() const { return ufrag_; }
  std::string local_pwd() const { return pwd_; }
  std::vector<std::string> local_candidates() const;
  // Send one datagram on the selected pair; false if ICE is not ready.
  bool send(const uint8_t *data, size_t len);

 private:
  static void on_candidate(NiceAgent *, NiceCandidate *, gpointer self);
  static void on_gathering_done(NiceAgent *, guint, gpointer self);
  static void on_state(NiceAgent *, guint, guint, guint state, gpointer self);
  static void on_receive(NiceAgent *, guint, guint, guint len, gchar *buf, gpointer self);
  std::string to_sdp(NiceCandidate *candidate) const;
  void add_local_addresses();

  GMainContext *context_;
  IceSettings settings_;
  Callbacks callbacks_;
  NiceAgent *agent_ = nullptr;
  guint stream_ = 0;
  std::string ufrag_, pwd_;
  bool gathering_ = false;
  bool gathering_done_ = false;
  bool ready_ = false;
  bool failed_ = false;
};

}  // namespace meetgate::media
