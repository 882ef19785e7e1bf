// The meeting plugin's state between init() and destroy(): config, database
// pool, key-value store, services, router and the worker pool that answers
// REST requests off the transport's threads.
#pragma once

#include <meetgate/plugin.h>

#include <meetgate/pluginkit/worker_pool.hpp>
#include <meetgate/storage/database.hpp>
#include <meetgate/storage/kv.hpp>
#include <memory>

#include "meeting_config.hpp"
#include "meeting_events.hpp"
#include "meeting_router.hpp"
#include "meeting_service.hpp"
#include "meeting_store.hpp"
#include "participant_service.hpp"
#include "participant_store.hpp"
#include "presence.hpp"

namespace meetgate::meeting {

inline constexpr const char *kPackage = "meetgate.plugin.meeting";
inline constexpr const char *kVersion = "0.1.0";

class MeetingPlugin {
 public:
  MeetingPlugin(mg_plugin *self, const mg_core_callbacks *core, MeetingConfig config);
  ~MeetingPlugin();

  // Opens storage, migrates, registers routes and the service. Throws on failure.
  void start();
  void handle_http(const mg_http_request *request, mg_http_responder *responder);
  int authorize_join(const json_t *request, json_t **response);
  // Admin API plugin_message: {"request":"status"} (the default) or
  // {"request":"authorize_join","user_id":..,"meeting_id":..}, which answers
  // {"status":<service code>,"response":<service answer>} so operators can
  // ask "may user U join meeting M" exactly as the signaling plugin does.
  json_t *handle_admin_message(const json_t *message);

 private:
  void log(mg_log_level level, const std::string &line) const;
  json_t *status_json() const;

  mg_plugin *self_;
  const mg_core_callbacks *core_;
  MeetingConfig config_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<storage::KeyValue> kv_;
  std::unique_ptr<MeetingStore> meeting_store_;
  std::unique_ptr<ParticipantStore> participant_store_;
  std::unique_ptr<Presence> presence_;
  std::unique_ptr<MeetingEvents> events_;
  std::unique_ptr<MeetingService> meetings_;
  std::unique_ptr<ParticipantService> participants_;
  std::unique_ptr<MeetingRouter> router_;
  std::unique_ptr<pluginkit::WorkerPool>
      workers_;  // last built, first destroyed: drains pending calls
};

}  // namespace meetgate::meeting
