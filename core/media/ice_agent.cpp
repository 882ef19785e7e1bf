#include "ice_agent.hpp"

namespace meetgate::media {

IceAgent::IceAgent(GMainContext *context, const IceSettings &settings, Callbacks callbacks)
    : context_(context), settings_(settings), callbacks_(std::move(callbacks)) {}

IceAgent::~IceAgent() {
  if (!agent_) return;
  g_signal_handlers_disconnect_by_data(agent_, this);
  nice_agent_attach_recv(agent_, stream_, 1, context_, nullptr, nullptr);
  nice_agent_remove_stream(agent_, stream_);
  g_object_unref(agent_);
}

bool IceAgent::start(std::string &error) {
  auto flags = static_cast<NiceAgentOption>(NICE_AGENT_OPTION_ICE_TRICKLE |
                                            NICE_AGENT_OPTION_CONSENT_FRESHNESS |
                                            (settings_.lite ? NICE_AGENT_OPTION_LITE_MODE : 0));
  agent_ = nice_agent_new_full(context_, NICE_COMPATIBILITY_RFC5245, flags);
  if (!agent_) {
    error = "cannot create ICE agent";
    return false;
  }
  g_object_set(agent_, "upnp", FALSE, "ice-tcp", FALSE, "keepalive-conncheck", TRUE, nullptr);
  if (!settings_.stun_ip.empty())
    g_object_set(agent_, "stun-server", settings_.stun_ip.c_str(), "stun-server-port",
                 settings_.stun_port, nullptr);
  add_local_addresses();
  stream_ = nice_agent_add_stream(agent_, 1);
  if (!stream_) {
    error = "cannot add ICE stream";
    return false;
  }
  if (settings_.port_min && settings_.port_max)
    nice_agent_set_port_range(agent_, stream_, 1, settings_.port_min, settings_.port_max);
  if (!settings_.turn_ip.empty())
    nice_agent_set_relay_info(agent_, stream_, 1, settings_.turn_ip.c_str(), settings_.turn_port,
                              settings_.turn_user.c_str(), settings_.turn_password.c_str(),
                              NICE_RELAY_TYPE_TURN_UDP);
  g_signal_connect(agent_, "new-candidate-full", G_CALLBACK(on_candidate), this);
  g_signal_connect(agent_, "candidate-gathering-done", G_CALLBACK(on_gathering_done), this);
  g_signal_connect(agent_, "component-state-changed", G_CALLBACK(on_state), this);
  nice_agent_attach_recv(agent_, stream_, 1, context_, on_receive, this);
  gchar *ufrag = nullptr, *pwd = nullptr;
  nice_agent_get_local_credentials(agent_, stream_, &ufrag, &pwd);
  ufrag_ = ufrag ? ufrag : "";
  pwd_ = pwd ? pwd : "";
  g_free(ufrag);
  g_free(pwd);
  return true;
}

void IceAgent::add_local_addresses() {
  for (const auto &ip : settings_.local_addresses) {
    NiceAddress address;
    nice_address_init(&address);
    if (nice_address_set_from_string(&address, ip.c_str()))
      nice_agent_add_local_address(agent_, &address);
  }
}

void IceAgent::gather() {
  if (gathering_) return;
  gathering_ = true;
  if (!nice_agent_gather_candidates(agent_, stream_)) {
    failed_ = true;
    callbacks_.failed();
  }
}

void IceAgent::set_controlling(bool controlling) {
  g_object_set(agent_, "controlling-mode", controlling && !settings_.lite, nullptr);
}

bool IceAgent::set_remote_credentials(const std::string &ufrag, const std::string &pwd) {
  return nice_agent_set_remote_credentials(agent_, stream_, ufrag.c_str(), pwd.c_str());
}

bool IceAgent::add_remote_candidate(const std::string &candidate) {
  std::string line = candidate.rfind("a=", 0) == 0 ? candidate : "a=" + candidate;
  NiceCandidate *parsed = nice_agent_parse_remote_candidate_sdp(agent_, stream_, line.c_str());
  if (!parsed) return false;
  bool added = false;
  if (parsed->component_id == 1 && parsed->transport == NICE_CANDIDATE_TRANSPORT_UDP) {
    GSList *list = g_slist_append(nullptr, parsed);
    added = nice_agent_set_remote_candidates(agent_, stream_, 1, list) > 0;
    g_slist_free(list);
  }
  nice_candidate_free(parsed);
  return added;
}

void IceAgent::remote_gathering_done() {
  nice_agent_peer_candidate_gathering_done(agent_, stream_);
}

std::string IceAgent::to_sdp(NiceCandidate *candidate) const {
  NiceCandidate *advertised = nice_candidate_copy(candidate);
  NiceAddress mapped;
  nice_address_init(&mapped);
  // 1:1 NAT: a host candidate is advertised with the public address (same
  // port); candidates of the other address family are left alone.
  if (!settings_.public_ip.empty() && candidate->type == NICE_CANDIDATE_TYPE_HOST &&
      nice_address_set_from_string(&mapped, settings_.public_ip.c_str()) &&
      nice_address_ip_version(&mapped) == nice_address_ip_version(&candidate->addr)) {
    nice_address_set_port(&mapped, nice_address_get_port(&candidate->addr));
    advertised->addr = mapped;
    advertised->base_addr = mapped;
  }
  gchar *sdp = nice_agent_generate_local_candidate_sdp(agent_, advertised);
  nice_candidate_free(advertised);
  std::string text = sdp ? sdp : "";
  g_free(sdp);
  if (text.rfind("a=", 0) == 0) text.erase(0, 2);
  return text;
}

std::vector<std::string> IceAgent::local_candidates() const {
  std::vector<std::string> candidates;
  GSList *list = nice_agent_get_local_candidates(agent_, stream_, 1);
  for (GSList *item = list; item; item = item->next) {
    auto *candidate = static_cast<NiceCandidate *>(item->data);
    candidates.push_back(to_sdp(candidate));
    nice_candidate_free(candidate);
  }
  g_slist_free(list);
  return candidates;
}

bool IceAgent::send(const uint8_t *data, size_t len) {
  if (!ready_ || failed_) return false;
  return nice_agent_send(agent_, stream_, 1, static_cast<guint>(len),
                         reinterpret_cast<const gchar *>(data)) >= 0;
}

void IceAgent::on_candidate(NiceAgent *, NiceCandidate *candidate, gpointer self) {
  auto *agent = static_cast<IceAgent *>(self);
  agent->callbacks_.candidate(agent->to_sdp(candidate));
}

void IceAgent::on_gathering_done(NiceAgent *, guint, gpointer self) {
  auto *agent = static_cast<IceAgent *>(self);
  agent->gathering_done_ = true;
  agent->callbacks_.gathering_done();
}

void IceAgent::on_state(NiceAgent *, guint, guint, guint state, gpointer self) {
  auto *agent = static_cast<IceAgent *>(self);
  if ((state == NICE_COMPONENT_STATE_CONNECTED || state == NICE_COMPONENT_STATE_READY) &&
      !agent->ready_) {
    agent->ready_ = true;
    agent->callbacks_.connected();
  } else if (state == NICE_COMPONENT_STATE_FAILED && !agent->failed_) {
    agent->failed_ = true;
    agent->callbacks_.failed();
  }
}

void IceAgent::on_receive(NiceAgent *, guint, guint, guint len, gchar *buf, gpointer self) {
  static_cast<IceAgent *>(self)->callbacks_.received(reinterpret_cast<uint8_t *>(buf), len);
}

}  // namespace meetgate::media
