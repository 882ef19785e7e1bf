#include "recorder_plugin.hpp"

#include <sodium.h>

#include <meetgate/recording/gst_ptr.hpp>
#include <stdexcept>

#include "recorder_schema.hpp"

namespace meetgate::recorder {
namespace {

std::string required_setting(const mg_core_callbacks *core, const char *key) {
  const char *value = core->setting(key);
  if (!value || !*value) throw std::runtime_error(std::string("core setting ") + key + " unset");
  return value;
}

std::unique_ptr<storage::Database> open_database(const mg_core_callbacks *core) {
  auto db = storage::Database::open(required_setting(core, "database_url"));
  db->migrate("recorder", recorder_migrations());
  return db;
}

}  // namespace

RecorderPlugin::RecorderPlugin(mg_plugin *self, const mg_core_callbacks *core,
                               RecorderConfig config)
    : self_(self),
      core_(core),
      config_(std::move(config)),
      paths_(required_setting(core, "data_dir")),
      db_(open_database(core)),
      recordings_store_(*db_),
      media_store_(*db_),
      verifier_(core),
      access_(core),
      manager_(self, core, recordings_store_, config_, paths_),
      recordings_api_(recordings_store_, manager_, access_, paths_),
      media_api_(media_store_, access_, paths_, config_),
      media_file_service_(media_api_, paths_),
      router_(verifier_, recordings_api_, media_api_) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  recording::ensure_gstreamer();
  paths_.create_directories();
  int64_t interrupted = recordings_store_.fail_unfinished();
  if (interrupted > 0)
    core_->log(self_, MG_LOG_WARN,
               "%lld recording(s) were interrupted by a previous stop; their files are kept",
               static_cast<long long>(interrupted));
  workers_ = std::make_unique<pluginkit::WorkerPool>(static_cast<size_t>(config_.workers));
}

RecorderPlugin::~RecorderPlugin() {
  workers_.reset();
}

bool RecorderPlugin::register_with_core() {
  size_t json_limit = 64 * 1024;
  // Multipart framing adds a little to the file itself: the transport's 413
  // only catches what is clearly over; the exact limit is checked here.
  size_t upload_limit = static_cast<size_t>(config_.max_upload_bytes) + 1024 * 1024;
  bool ok = core_->register_route(self_, "/api/v1/recordings", json_limit) == 0 &&
            core_->register_route(self_, "/api/v1/recording", json_limit) == 0 &&
            core_->register_route(self_, "/api/v1/media", upload_limit) == 0;
  ok = core_->register_service(self_, "recorder.media_file", &MediaFileService::call,
                               &media_file_service_) == 0 &&
       ok;
  for (const char *topic : {"meeting.started", "meeting.ended", "videoroom.producer_*"})
    ok = core_->subscribe(self_, topic) == 0 && ok;
  return ok;
}

void RecorderPlugin::handle_http(const mg_http_request *request, mg_http_responder *responder) {
  auto call = std::make_shared<pluginkit::HttpExchange>(core_, request, responder);
  bool queued = workers_->submit([this, call] {
    try {
      router_.serve(*call);
    } catch (const std::exception &error) {
      core_->log(self_, MG_LOG_ERROR, "%s %s: %s", call->method().c_str(), call->path().c_str(),
                 error.what());
      call->reply(500, "internal error", json_string("see the gateway log"));
    }
  });
  // The queue is unbounded: only a pool that is stopping refuses.
  if (!queued) call->reply(503, "service unavailable", json_string("the recorder is stopping"));
}

void RecorderPlugin::handle_event(const char *topic, const json_t *event) {
  try {
    manager_.handle_event(topic ? topic : "", event);
  } catch (const std::exception &error) {
    core_->log(self_, MG_LOG_ERROR, "event %s: %s", topic, error.what());
  }
}

}  // namespace meetgate::recorder
