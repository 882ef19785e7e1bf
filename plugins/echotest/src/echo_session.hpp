// The echo test's state for one client session (one WebSocket connection to
// /ws/echotest). The core's mg_plugin_session points here through
// plugin_handle; EchoTest's session table owns it with a shared_ptr so that
// jobs still queued on the worker keep it alive after destroy_session.
#pragma once

#include <meetgate/plugin.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace meetgate::echotest {

class EchoSession {
 public:
  EchoSession(mg_plugin_session *handle, std::string remote_addr);

  uint64_t id() const { return id_; }

  // Runs `push(handle)` unless the session was closed. The core forbids
  // using an mg_plugin_session after destroy_session returned, and a worker
  // job may run at any time: destroy_session calls close(), which waits on
  // the same mutex, so a push in progress finishes before the core's session
  // goes away and no push starts after. Returns false if closed.
  template <typename Push>
  bool with_live_handle(Push &&push) {
    std::lock_guard lock(push_mutex_);
    if (closed_) {
      return false;
    }
    push(handle_);
    return true;
  }
  void close();

  // The raw-RTP PeerConnection (0 = none) and its incoming video mid, used
  // when a keyframe request carries no mid.
  mg_pc_id pc() const;
  void set_pc(mg_pc_id pc);
  // Forgets `pc` if it is the current one; true if it was.
  bool forget_pc(mg_pc_id pc);
  void set_video_mid(const std::string &mid);
  std::string video_mid() const;

  // Counters for query_session and the Admin API; updated from any thread.
  std::atomic<uint64_t> messages{0};
  std::atomic<uint64_t> rtp_in{0};
  std::atomic<uint64_t> rtcp_in{0};
  std::atomic<uint64_t> keyframe_requests{0};
  std::atomic<uint64_t> data_messages{0};

  // A new JSON object describing the session (query_session).
  json_t *describe() const;

 private:
  const uint64_t id_;
  const std::string remote_addr_;
  mg_plugin_session *const handle_;

  // See with_live_handle. Recursive because a core may end the session from
  // inside push_event on the same thread (e.g. a transport closing a client
  // whose send queue is full): close() then must not deadlock.
  std::recursive_mutex push_mutex_;
  bool closed_ = false;

  mutable std::mutex media_mutex_;
  mg_pc_id pc_ = 0;
  std::string video_mid_;
};

}  // namespace meetgate::echotest
