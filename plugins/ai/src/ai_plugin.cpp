#include "ai_plugin.hpp"

#include <sodium.h>

#include <meetgate/storage/url.hpp>

namespace meetgate::ai {

AiPlugin::AiPlugin(mg_plugin *self, const mg_core_callbacks *core, AiConfig config)
    : self_(self), core_(core), config_(std::move(config)) {}

AiPlugin::~AiPlugin() {
  // Order matters: live streams release their sinks and sessions while the
  // client and workers exist; stopping the client fails what is pending
  // (completions are queued on the workers); the workers then drain every
  // queued job, which may still use the router, runner and store.
  if (live_) live_->stop_all();
  if (client_) client_->stop();
  workers_.reset();
  router_.reset();
  live_.reset();
  reporter_.reset();
  tasks_.reset();
}

void AiPlugin::log(mg_log_level level, const std::string &line) const {
  core_->log(self_, level, "%s", line.c_str());
}

void AiPlugin::start() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  const char *database_url = core_->setting("database_url");
  if (!database_url || !*database_url) throw std::runtime_error("the core gave no database_url");
  database_ = storage::Database::open(database_url, config_.workers + 1);
  store_ = std::make_unique<ResultStore>(*database_);
  store_->migrate();
  infer::InferClientOptions options;
  options.endpoint = config_.endpoint;
  options.default_deadline = std::chrono::milliseconds(config_.task_timeout_ms);
  client_ = std::make_unique<infer::InferClient>(options);
  client_->start();  // throws zmq::error_t when the endpoint cannot be bound
  workers_ = std::make_unique<WorkerPool>(config_.workers);
  tasks_ = std::make_unique<TaskRunner>(*client_, *store_, *workers_, config_);
  reporter_ = std::make_unique<LiveReporter>(self_, core_, *store_, *workers_);
  live_ = std::make_unique<LiveAnalysis>(
      LiveStreamContext{core_, config_, *client_, *reporter_, *workers_});
  router_ = std::make_unique<AiRouter>(core_, config_, *client_, *store_, *tasks_, *live_);
  for (const char *prefix : {"/api/v1/ai", "/api/v1/inference", "/api/v1/models"})
    if (core_->register_route(self_, prefix, config_.max_body) != 0)
      throw std::runtime_error(std::string("cannot register ") + prefix);
  for (const char *topic : {"meeting.started", "meeting.ended", "videoroom.producer_*"})
    core_->subscribe(self_, topic);
  log(MG_LOG_INFO, "inference units connect to " + client_->bound_endpoint() + "; results in " +
                       storage::redact_url(database_url));
}

void AiPlugin::handle_http(const mg_http_request *request, mg_http_responder *responder) {
  auto call = std::make_shared<HttpCall>(core_, request, responder);
  workers_->post([this, call] {
    try {
      router_->serve(call);
    } catch (const std::exception &error) {
      log(MG_LOG_ERROR, call->method() + " " + call->path() + ": " + error.what());
      call->reply(500, "internal error", json_string("see the gateway log"));
    }
  });
}

void AiPlugin::handle_event(const char *topic, const json_t *event) {
  try {
    live_->handle_event(topic ? topic : "", event);
  } catch (const std::exception &error) {
    log(MG_LOG_ERROR, std::string("event ") + (topic ? topic : "") + ": " + error.what());
  }
}

json_t *AiPlugin::handle_admin_message(const json_t *) {
  infer::JsonPtr stats = client_->stats();
  infer::JsonPtr units = client_->units();
  return json_pack("{s:s,s:s,s:O,s:O,s:I,s:I,s:I}", "package", kPackage, "endpoint",
                   client_->bound_endpoint().c_str(), "client", stats.get(), "units", units.get(),
                   "tasks_in_flight", json_int_t(tasks_->limit().in_flight()), "max_pending_tasks",
                   json_int_t(tasks_->limit().capacity()), "live_meetings",
                   json_int_t(live_->running()));
}

}  // namespace meetgate::ai
