#include "peer_connection_registry.hpp"

#include <cstdio>

#include "dtls_identity.hpp"
#include "media_worker.hpp"
#include "peer_connection.hpp"

namespace meetgate::media {

PeerConnectionRegistry::PeerConnectionRegistry(const EngineConfig &config,
                                               std::unique_ptr<DtlsIdentity> identity,
                                               IceSettings ice, int worker_count,
                                               rtp::Router *router)
    : config_(config), identity_(std::move(identity)), ice_(std::move(ice)), router_(router) {
  for (int i = 0; i < worker_count; ++i) workers_.push_back(std::make_unique<MediaWorker>(i));
}

PeerConnectionRegistry::~PeerConnectionRegistry() {
  std::vector<std::shared_ptr<PeerConnection>> open;
  {
    std::shared_lock lock(mutex_);
    for (const auto &[id, connection] : connections_) open.push_back(connection);
  }
  for (const auto &connection : open)
    connection->worker()->run_sync([&] { connection->close("shutdown"); });
  open.clear();
  // Workers drain their queues (the deferred transport teardown) and stop.
  workers_.clear();
}

mg_pc_id PeerConnectionRegistry::create(mg_plugin *plugin, mg_plugin_session *session, bool raw_rtp,
                                        bool ice_lite, std::string &error) {
  PeerConnection::Setup setup;
  setup.id = next_id_++;
  setup.plugin = plugin;
  setup.session = session;
  setup.worker = workers_[next_worker_++ % workers_.size()].get();
  setup.identity = identity_.get();
  setup.ice = ice_;
  setup.ice.lite = ice_.lite || ice_lite;
  setup.ice_timeout_seconds = config_.ice_timeout_seconds;
  setup.raw_rtp = raw_rtp;
  setup.router = router_;
  setup.closed = [this](mg_pc_id id) { forget(id); };
  MediaWorker *worker = setup.worker;
  auto connection = std::make_shared<PeerConnection>(std::move(setup));
  bool opened = false;
  {
    // Registered before open() so an immediate close finds (and forgets) it.
    std::unique_lock lock(mutex_);
    connections_[connection->id()] = connection;
  }
  worker->run_sync([&] {
    opened = connection->open(error);
    if (!opened) connection->release_transport();
  });
  if (!opened) {
    forget(connection->id());
    return 0;
  }
  created_++;
  return connection->id();
}

std::shared_ptr<PeerConnection> PeerConnectionRegistry::find(mg_pc_id id) const {
  std::shared_lock lock(mutex_);
  auto found = connections_.find(id);
  return found == connections_.end() ? nullptr : found->second;
}

void PeerConnectionRegistry::forget(mg_pc_id id) {
  std::unique_lock lock(mutex_);
  if (connections_.erase(id)) closed_++;
}

bool PeerConnectionRegistry::with(mg_pc_id id, const std::function<void(PeerConnection &)> &task) {
  std::shared_ptr<PeerConnection> connection = find(id);
  if (!connection) return false;
  bool ran = false;
  connection->worker()->run_sync([&] {
    if (connection->closed()) return;
    task(*connection);
    ran = true;
  });
  return ran;
}

bool PeerConnectionRegistry::post(mg_pc_id id, std::function<void(PeerConnection &)> task) {
  std::shared_ptr<PeerConnection> connection = find(id);
  if (!connection) return false;
  MediaWorker *worker = connection->worker();
  if (worker->is_current()) {
    if (!connection->closed()) task(*connection);
    return true;
  }
  worker->post([connection = std::move(connection), task = std::move(task)] {
    if (!connection->closed()) task(*connection);
  });
  return true;
}

void PeerConnectionRegistry::post_packet(mg_pc_id id, std::span<const uint8_t> packet, bool rtcp) {
  std::shared_ptr<PeerConnection> connection = find(id);
  if (!connection) return;
  MediaWorker *worker = connection->worker();
  if (worker->is_current()) {
    if (rtcp)
      connection->send_rtcp_packet(packet.data(), packet.size());
    else
      connection->send_rtp_packet(packet.data(), packet.size());
    return;
  }
  // Crossing workers costs one copy and one queued task per packet.
  worker->post([connection = std::move(connection),
                copy = std::vector<uint8_t>(packet.begin(), packet.end()), rtcp] {
    if (rtcp)
      connection->send_rtcp_packet(copy.data(), copy.size());
    else
      connection->send_rtp_packet(copy.data(), copy.size());
  });
}

void PeerConnectionRegistry::close_session(mg_plugin_session *session) {
  std::vector<std::shared_ptr<PeerConnection>> owned;
  {
    std::shared_lock lock(mutex_);
    for (const auto &[id, connection] : connections_)
      if (connection->session() == session) owned.push_back(connection);
  }
  for (const auto &connection : owned)
    connection->worker()->run_sync([&] { connection->close("session closed"); });
}

json_t *PeerConnectionRegistry::stats() const {
  uint64_t rtp_in = 0, rtp_out = 0, bytes_in = 0, bytes_out = 0, srtp_errors = 0, dropped = 0;
  uint64_t rtcp_out = 0, transport_cc_feedback = 0;
  size_t open = 0;
  {
    std::shared_lock lock(mutex_);
    open = connections_.size();
    for (const auto &[id, connection] : connections_) {
      const auto &stats = connection->stats();
      rtp_in += stats.rtp_in;
      rtp_out += stats.rtp_out;
      bytes_in += stats.bytes_in;
      bytes_out += stats.bytes_out;
      srtp_errors += stats.srtp_errors;
      dropped += stats.dropped;
      rtcp_out += stats.rtcp_out;
      transport_cc_feedback += stats.transport_cc_feedback_out;
    }
  }
  auto number = [](uint64_t value) { return json_integer(static_cast<json_int_t>(value)); };
  json_t *stats = json_object();
  json_object_set_new(stats, "peer_connections", number(open));
  json_object_set_new(stats, "peer_connections_created", number(created_));
  json_object_set_new(stats, "peer_connections_closed", number(closed_));
  json_object_set_new(stats, "media_workers", number(workers_.size()));
  json_object_set_new(stats, "rtp_packets_in", number(rtp_in));
  json_object_set_new(stats, "rtp_packets_out", number(rtp_out));
  json_object_set_new(stats, "media_bytes_in", number(bytes_in));
  json_object_set_new(stats, "media_bytes_out", number(bytes_out));
  json_object_set_new(stats, "srtp_errors", number(srtp_errors));
  json_object_set_new(stats, "dropped_packets", number(dropped));
  json_object_set_new(stats, "rtcp_packets_out", number(rtcp_out));
  json_object_set_new(stats, "transport_cc_feedback_out", number(transport_cc_feedback));
  return stats;
}

}  // namespace meetgate::media
