// The seam between the core daemon and its WebRTC media engine
// (core/media). The daemon calls these; the engine implements them.
#pragma once

#include <meetgate/plugin.h>

#include <string>

namespace meetgate::media {

// Media settings from meetgate.jcfg's `media` section (and MEETGATE_* env).
struct EngineConfig {
  int workers = 0;          // 0 = number of cores
  std::string interfaces;   // comma-separated host candidate interfaces/IPs; "" = all non-loopback
                            // (plus 127.0.0.1 when allow_loopback)
  std::string public_ip;    // 1:1 NAT mapping: advertised instead of the host IP
  std::string stun_server;  // "host:port" or ""
  std::string turn_server;  // "host:port" or ""
  std::string turn_user, turn_password;
  int rtp_port_min = 20000, rtp_port_max = 40000;
  bool ice_lite = false;
  int ice_timeout_seconds = 30;             // a peer that never connects is cleaned up
  std::string dtls_cert_pem, dtls_key_pem;  // "" = generate ECDSA P-256 at start
  bool allow_loopback = true;               // host candidates on 127.0.0.1 (tests, single box)
};

// Start/stop the engine. start returns false (with `error`) if it cannot run.
bool start(const EngineConfig &config, std::string &error);
void stop();

// Fill the media members of the callbacks table (pc_*, relay_*, producer_*,
// consumer_*, request_keyframe).
void fill_callbacks(mg_core_callbacks &callbacks);

// Close every PeerConnection of `session` synchronously (hangup_media is
// called for each) before the core calls the plugin's destroy_session.
void close_session(mg_plugin_session *session);

// A new JSON object with engine-wide stats for /health and /metrics:
// {"peer_connections":N,"producers":N,"consumers":N,"forwarded_packets":N,...}.
json_t *stats();

}  // namespace meetgate::media
