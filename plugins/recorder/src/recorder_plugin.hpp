// The recorder plugin's state: database, stores, recordings in progress,
// REST APIs and the worker pool the REST requests run on.
#pragma once

#include <meetgate/plugin.h>

#include <meetgate/pluginkit/token_verifier.hpp>
#include <meetgate/pluginkit/worker_pool.hpp>
#include <meetgate/storage/database.hpp>
#include <memory>

#include "media_api.hpp"
#include "media_file_service.hpp"
#include "media_store.hpp"
#include "meeting_access.hpp"
#include "recorder_config.hpp"
#include "recorder_router.hpp"
#include "recording_manager.hpp"
#include "recording_store.hpp"
#include "recordings_api.hpp"
#include "storage_paths.hpp"

namespace meetgate::recorder {

inline constexpr const char *kPackage = "meetgate.plugin.recorder";
inline constexpr const char *kVersion = "0.1.0";

class RecorderPlugin {
 public:
  // Opens the database, migrates, creates the directories. Throws.
  RecorderPlugin(mg_plugin *self, const mg_core_callbacks *core, RecorderConfig config);
  ~RecorderPlugin();
  // Routes and subscriptions (init only). False when a route is taken.
  bool register_with_core();

  void handle_http(const mg_http_request *request, mg_http_responder *responder);
  void handle_event(const char *topic, const json_t *event);

 private:
  mg_plugin *self_;
  const mg_core_callbacks *core_;
  RecorderConfig config_;
  StoragePaths paths_;
  std::unique_ptr<storage::Database> db_;
  RecordingStore recordings_store_;
  MediaStore media_store_;
  pluginkit::TokenVerifier verifier_;
  MeetingAccess access_;
  RecordingManager manager_;
  RecordingsApi recordings_api_;
  MediaApi media_api_;
  MediaFileService media_file_service_;
  RecorderRouter router_;
  std::unique_ptr<pluginkit::WorkerPool> workers_;  // last: drained first
};

}  // namespace meetgate::recorder
