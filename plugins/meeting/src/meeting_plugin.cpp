#include "meeting_plugin.hpp"

#include <meetgate/storage/url.hpp>

#include "meeting_password.hpp"
#include "meeting_schema.hpp"

namespace meetgate::meeting {

MeetingPlugin::MeetingPlugin(mg_plugin *self, const mg_core_callbacks *core, MeetingConfig config)
    : self_(self), core_(core), config_(std::move(config)) {}

MeetingPlugin::~MeetingPlugin() {
  workers_.reset();  // answer what is queued while the services still exist
}

void MeetingPlugin::log(mg_log_level level, const std::string &line) const {
  core_->log(self_, level, "%s", line.c_str());
}

void MeetingPlugin::start() {
  if (!MeetingPassword::initialise()) throw std::runtime_error("libsodium failed to initialise");
  const char *database_url = core_->setting("database_url");
  if (!database_url || !*database_url) throw std::runtime_error("the core gave no database_url");
  size_t pool = config_.db_pool_size ? config_.db_pool_size : config_.workers + 2;
  database_ = storage::Database::open(database_url, pool);
  database_->migrate("meeting", meeting_migrations());
  const char *redis_url = core_->setting("redis_url");
  kv_ = storage::KeyValue::open(
      redis_url ? redis_url : "",
      [this](int level, const std::string &line) { log(static_cast<mg_log_level>(level), line); });
  meeting_store_ = std::make_unique<MeetingStore>(*database_);
  participant_store_ = std::make_unique<ParticipantStore>(*database_);
  presence_ =
      std::make_unique<Presence>(*kv_, [this](const std::string &line) { log(MG_LOG_WARN, line); });
  events_ = std::make_unique<MeetingEvents>(core_, self_);
  meetings_ = std::make_unique<MeetingService>(config_, *meeting_store_, *participant_store_,
                                               *presence_, *events_);
  participants_ = std::make_unique<ParticipantService>(core_, config_, *meeting_store_,
                                                       *participant_store_, *presence_, *events_);
  router_ = std::make_unique<MeetingRouter>(core_, *meetings_, *participants_);
  workers_ = std::make_unique<pluginkit::WorkerPool>(config_.workers);
  if (core_->register_route(self_, "/api/v1/meetings", config_.max_body) != 0 ||
      core_->register_route(self_, "/api/v1/my", config_.max_body) != 0)
    throw std::runtime_error("cannot register /api/v1/meetings or /api/v1/my");
  if (core_->register_service(
          self_, "meeting.authorize_join",
          [](void *opaque, const json_t *request, json_t **response) {
            return static_cast<MeetingPlugin *>(opaque)->authorize_join(request, response);
          },
          this) != 0)
    throw std::runtime_error("the service meeting.authorize_join is taken");
  log(MG_LOG_INFO, "meetings on " + storage::redact_url(database_url) + ", presence " +
                       (kv_->is_redis() ? "on Redis" : "in process") + ", " +
                       std::to_string(config_.workers) + " workers");
}

void MeetingPlugin::handle_http(const mg_http_request *request, mg_http_responder *responder) {
  // Copy the borrowed request now; answer from a worker.
  auto call = std::make_shared<pluginkit::HttpExchange>(core_, request, responder);
  const bool queued = workers_->submit([this, call] {
    try {
      router_->serve(*call);
    } catch (const std::exception &error) {
      log(MG_LOG_ERROR, call->method() + " " + call->path() + ": " + error.what());
      call->reply(500, "internal error", json_string("see the gateway log"));
    }
  });
  // The queue is unbounded: only a pool that is shutting down refuses.
  if (!queued) call->reply(503, "server shutting down", json_string("try again later"));
}

int MeetingPlugin::authorize_join(const json_t *request, json_t **response) {
  try {
    return participants_->authorize_join(request, response);
  } catch (const std::exception &error) {
    log(MG_LOG_ERROR, std::string("meeting.authorize_join: ") + error.what());
    *response = json_string("internal error");
    return 500;
  }
}

json_t *MeetingPlugin::handle_admin_message(const json_t *message) {
  std::string request = text_of(json_object_get(message, "request"), "status");
  if (request != "authorize_join") return status_json();
  json_t *response = nullptr;
  int status = authorize_join(message, &response);
  return json_pack("{s:i,s:o}", "status", status, "response", response ? response : json_null());
}

json_t *MeetingPlugin::status_json() const {
  return json_pack("{s:s,s:s,s:b,s:I}", "package", kPackage, "database",
                   database_->dialect() == storage::Dialect::kPostgres ? "postgresql" : "sqlite",
                   "redis", kv_->is_redis(), "workers", static_cast<json_int_t>(config_.workers));
}

}  // namespace meetgate::meeting
