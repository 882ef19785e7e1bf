// Owns the media workers and every PeerConnection, and turns ABI calls
// (any thread) into work on the PeerConnection's worker. Ids are never
// reused; a closed PeerConnection leaves the registry at once, so later calls
// with its id fail cleanly.
#pragma once

#include <meetgate/plugin.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine.hpp"
#include "ice_agent.hpp"

namespace meetgate::media {

class DtlsIdentity;
class MediaWorker;
class PeerConnection;
namespace rtp {
class Router;
}

class PeerConnectionRegistry {
 public:
  PeerConnectionRegistry(const EngineConfig &config, std::unique_ptr<DtlsIdentity> identity,
                         IceSettings ice, int worker_count, rtp::Router *router);
  ~PeerConnectionRegistry();  // closes every PeerConnection, stops the workers
  PeerConnectionRegistry(const PeerConnectionRegistry &) = delete;
  PeerConnectionRegistry &operator=(const PeerConnectionRegistry &) = delete;

  mg_pc_id create(mg_plugin *plugin, mg_plugin_session *session, bool raw_rtp, bool ice_lite,
                  std::string &error);
  // Run `task` on the PeerConnection's worker and wait; false if `id` is
  // unknown or closed.
  bool with(mg_pc_id id, const std::function<void(PeerConnection &)> &task);
  // Run `task` on the worker without waiting (inline when already there).
  // The packet path uses this: a relay from another worker never blocks.
  bool post(mg_pc_id id, std::function<void(PeerConnection &)> task);
  // A plain packet for the PeerConnection to encrypt and send (router
  // output): sent inline on its own worker, else copied and queued.
  void post_packet(mg_pc_id id, std::span<const uint8_t> packet, bool rtcp);
  void close_session(mg_plugin_session *session);
  json_t *stats() const;

 private:
  std::shared_ptr<PeerConnection> find(mg_pc_id id) const;
  void forget(mg_pc_id id);

  EngineConfig config_;
  std::unique_ptr<DtlsIdentity> identity_;
  IceSettings ice_;
  rtp::Router *router_;
  std::vector<std::unique_ptr<MediaWorker>> workers_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<mg_pc_id, std::shared_ptr<PeerConnection>> connections_;
  std::atomic<uint64_t> next_id_{1};
  std::atomic<size_t> next_worker_{0};
  std::atomic<uint64_t> created_{0}, closed_{0};
};

}  // namespace meetgate::media
