// The recordings in progress on this node and what feeds them: producers
// announced by the videoroom per meeting, meeting start/end events
// (auto-recording), the maximum duration and the disk quota (a watchdog
// thread), and the recording.* bus events.
#pragma once

#include <meetgate/plugin.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <meetgate/pluginkit/worker_pool.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "active_recording.hpp"
#include "producer_info.hpp"
#include "recorder_config.hpp"
#include "recording_store.hpp"
#include "storage_paths.hpp"

namespace meetgate::recorder {

class RecordingManager {
 public:
  RecordingManager(mg_plugin *plugin, const mg_core_callbacks *core, RecordingStore &store,
                   const RecorderConfig &config, const StoragePaths &paths);
  ~RecordingManager();  // stops (finalizes) every running recording
  RecordingManager(const RecordingManager &) = delete;
  RecordingManager &operator=(const RecordingManager &) = delete;

  // Throws ApiError: 409 when the meeting is already being recorded, 507
  // when the disk quota is used up. Returns the new row.
  RecordingRow start(const std::string &meeting_id, int64_t meeting_db_id, const std::string &mode,
                     int64_t started_by);
  // Blocks until the files are finalized. False when `id` is not running.
  bool stop(int64_t id, const std::string &status, const std::string &error);
  bool is_running(int64_t id) const;

  // Bus events (bus thread): cheap bookkeeping now, blocking work queued.
  void handle_event(const std::string &topic, const json_t *event);

 private:
  struct Running {
    std::shared_ptr<ActiveRecording> recording;
    std::chrono::steady_clock::time_point started;
  };

  void on_producer_added(const json_t *event);
  void on_producer_removed(const json_t *event);
  void on_meeting_started(const json_t *event);
  void on_meeting_ended(const json_t *event);
  void publish(const char *topic, json_t *event /* stolen */);
  void watchdog();
  void enforce_limits();

  mg_plugin *plugin_;
  const mg_core_callbacks *core_;
  RecordingStore &store_;
  const RecorderConfig &config_;
  const StoragePaths &paths_;
  mutable std::mutex mutex_;
  std::map<int64_t, Running> running_;
  std::map<std::string, std::map<mg_producer_id, ProducerInfo>> producers_;  // by meeting
  std::condition_variable wake_;
  bool quitting_ = false;
  // Stops triggered by events and the watchdog. It refuses work only once
  // the manager is being destroyed, which stops every recording itself.
  pluginkit::WorkerPool events_{1};
  std::thread watchdog_;  // last: started once the rest exists
};

}  // namespace meetgate::recorder
