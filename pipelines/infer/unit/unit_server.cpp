#include "unit_server.hpp"

#include <algorithm>
#include <zmq_addon.hpp>

#include "reply_sink.hpp"
#include "unit_log.hpp"

namespace meetgate::infer {
namespace {
constexpr const char *kWorkerEndpoint = "inproc://meetgate-infer-replies";
constexpr auto kPollSlice = std::chrono::milliseconds(100);  // bounds the reaction to stop
}  // namespace

UnitServer::UnitServer(UnitOptions options, AnalyzerRegistry registry)
    : options_(std::move(options)),
      registry_(std::move(registry)),
      gateway_(context_, zmq::socket_type::dealer),
      from_workers_(context_, zmq::socket_type::pull) {
  gateway_.set(zmq::sockopt::routing_id, options_.unit_id);
  gateway_.set(zmq::sockopt::linger, 500);   // lets "bye" leave on shutdown
  gateway_.set(zmq::sockopt::immediate, 1);  // no queueing towards a gateway that is not there
  gateway_.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(options_.max_message_bytes));
  gateway_.set(zmq::sockopt::reconnect_ivl_max, 2000);
  from_workers_.bind(kWorkerEndpoint);
  for (int i = 0; i < options_.capacity; ++i)
    workers_.push_back(std::make_unique<SessionWorker>(context_, kWorkerEndpoint, registry_));
  sessions_per_worker_.assign(workers_.size(), 0);
  gateway_.connect(options_.endpoint);
}

UnitServer::~UnitServer() {
  workers_.clear();
}

std::string UnitServer::hello() const {
  JsonPtr models = registry_.describe();
  return build_hello(options_.unit_id, models.get(), options_.capacity);
}

void UnitServer::send(const std::string &json) {
  // Dropped when the gateway is not connected (immediate): the gateway fails
  // or re-sends those requests when it notices the silence.
  if (!gateway_.send(zmq::buffer(json), zmq::send_flags::dontwait))
    log_line(LogLevel::kDebug, "gateway not connected, message dropped");
}

void UnitServer::send_error(const std::string &request_id, const std::string &work_id,
                            ErrorCode code, const std::string &text) {
  log_line(LogLevel::kDebug, std::string("error reply ") + error_name(code) + ": " + text);
  send(build_error(request_id, work_id, code, text));
}

void UnitServer::run(const std::atomic<bool> &stop) {
  log_line(LogLevel::kInfo, "unit " + options_.unit_id + " connecting to " + options_.endpoint +
                                " with " + std::to_string(registry_.names().size()) + " model(s)");
  last_gateway_message_ = Clock::now();
  next_tick_ = Clock::now();
  while (!stop) {
    const auto now = Clock::now();
    if (now >= next_tick_) tick(now);
    std::array<zmq::pollitem_t, 2> items{
        {{gateway_.handle(), 0, ZMQ_POLLIN, 0}, {from_workers_.handle(), 0, ZMQ_POLLIN, 0}}};
    const auto wait =
        std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(next_tick_ - now),
                   std::chrono::milliseconds(0), kPollSlice);
    try {
      zmq::poll(items.data(), items.size(), wait);
    } catch (const zmq::error_t &error) {
      if (error.num() == EINTR) continue;
      throw;
    }
    std::vector<zmq::message_t> frames;
    while (
        zmq::recv_multipart(from_workers_, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
      on_worker_frames(frames);
      frames.clear();
    }
    while (zmq::recv_multipart(gateway_, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
      on_gateway_frames(frames);
      frames.clear();
    }
  }
  send(build_bye(options_.unit_id));
  log_line(LogLevel::kInfo, "unit " + options_.unit_id + " stopping");
}

void UnitServer::tick(Clock::time_point now) {
  next_tick_ = now + options_.heartbeat_interval;
  if (registered_ && now - last_gateway_message_ > options_.gateway_timeout) {
    log_line(LogLevel::kWarn, "gateway silent, dropping " + std::to_string(sessions_.size()) +
                                  " session(s) and announcing again");
    registered_ = false;
    drop_sessions();
  }
  if (!registered_) {
    send(hello());
    return;
  }
  std::size_t backlog = 0;
  for (const auto &worker : workers_) backlog += worker->backlog();
  JsonPtr load = json_take(
      json_pack("{s:I, s:I, s:i}", "sessions", static_cast<json_int_t>(sessions_.size()), "backlog",
                static_cast<json_int_t>(backlog), "capacity", options_.capacity));
  send(build_heartbeat(options_.unit_id, load.get()));
}

void UnitServer::drop_sessions() {
  for (auto &worker : workers_) worker->post({UnitJob::Kind::kDropAll, {}, {}, {}, {}, {}});
  sessions_.clear();
  std::fill(sessions_per_worker_.begin(), sessions_per_worker_.end(), 0);
}

void UnitServer::on_worker_frames(std::vector<zmq::message_t> &frames) {
  if (frames.size() != 2) return;
  if (frames[0].to_string_view() == kWorkerDropped) {
    const auto found = sessions_.find(frames[1].to_string());
    if (found != sessions_.end()) {
      --sessions_per_worker_[found->second.worker];
      sessions_.erase(found);
    }
    return;
  }
  if (!gateway_.send(frames[1], zmq::send_flags::dontwait))
    log_line(LogLevel::kDebug, "gateway not connected, reply dropped");
}

void UnitServer::on_gateway_frames(std::vector<zmq::message_t> &frames) {
  last_gateway_message_ = Clock::now();
  if (!registered_) log_line(LogLevel::kInfo, "registered with the gateway");
  registered_ = true;
  if (frames.empty() || frames.size() > 2) {
    send_error("", "", ErrorCode::kInvalidMessage,
               "expected [json] or [json][payload] frames, got " + std::to_string(frames.size()));
    return;
  }
  ParseOutcome parsed = parse_message(frames[0].to_string_view());
  if (!parsed.message) {
    send_error(parsed.request_id, "", parsed.error, parsed.error_message);
    return;
  }
  Message &message = *parsed.message;
  if (message.action == kActionHeartbeat) return;
  if (message.action == kActionHello) {
    // The gateway does not know us (it restarted): our sessions belonged to
    // its previous life.
    if (!sessions_.empty()) drop_sessions();
    send(hello());
    return;
  }
  on_request(message, frames.size() == 2 ? std::move(frames[1]) : zmq::message_t());
}

void UnitServer::on_request(Message &message, zmq::message_t payload) {
  if (message.action != kActionSetup && message.action != kActionInference &&
      message.action != kActionExit) {
    send_error(message.request_id, message.work_id, ErrorCode::kUnknownAction,
               "unknown action '" + message.action + "' (setup, inference, exit)");
    return;
  }
  if (message.request_id.empty()) {
    send_error("", message.work_id, ErrorCode::kInvalidMessage, "request_id is required");
    return;
  }
  if (message.action == kActionSetup)
    on_setup(message);
  else if (message.action == kActionInference)
    on_inference(message, std::move(payload));
  else
    on_exit(message);
}

std::size_t UnitServer::least_loaded_worker(bool by_sessions) const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    const bool better = by_sessions ? sessions_per_worker_[i] < sessions_per_worker_[best]
                                    : workers_[i]->backlog() < workers_[best]->backlog();
    if (better) best = i;
  }
  return best;
}

void UnitServer::on_setup(Message &message) {
  if (!registry_.contains(message.object)) {
    send_error(message.request_id, "", ErrorCode::kUnknownModel,
               "model '" + message.object + "' is not loaded by unit " + options_.unit_id);
    return;
  }
  if (sessions_.size() >= static_cast<std::size_t>(options_.max_sessions)) {
    send_error(message.request_id, "", ErrorCode::kUnitBusy,
               "unit has its maximum number of sessions open");
    return;
  }
  const std::string work_id = message.object + "." + std::to_string(next_work_number_++);
  const std::size_t worker = least_loaded_worker(true);
  sessions_[work_id] = {worker, message.object};
  ++sessions_per_worker_[worker];
  json_t *data = message.data();
  workers_[worker]->post({UnitJob::Kind::kSetup,
                          message.request_id,
                          work_id,
                          message.object,
                          data ? json_take(json_deep_copy(data)) : JsonPtr(),
                          {}});
}

void UnitServer::on_inference(Message &message, zmq::message_t payload) {
  json_t *data = message.data();
  if (data && !json_is_object(data)) {
    send_error(message.request_id, message.work_id, ErrorCode::kInvalidMessage,
               "data must be an object");
    return;
  }
  if (message.work_id.empty()) {  // one-shot: object names the model
    if (!registry_.contains(message.object)) {
      send_error(message.request_id, "", ErrorCode::kUnknownModel,
                 "one-shot inference needs object = a loaded model, got '" + message.object + "'");
      return;
    }
    workers_[least_loaded_worker(false)]->post(
        {UnitJob::Kind::kOneShot, message.request_id, "", message.object,
         data ? json_take(json_deep_copy(data)) : JsonPtr(), std::move(payload)});
    return;
  }
  const auto found = sessions_.find(message.work_id);
  if (found == sessions_.end()) {
    send_error(message.request_id, message.work_id, ErrorCode::kUnknownWorkId,
               "work_id '" + message.work_id + "' is not set up on unit " + options_.unit_id);
    return;
  }
  workers_[found->second.worker]->post(
      {UnitJob::Kind::kInference, message.request_id, message.work_id, found->second.model,
       data ? json_take(json_deep_copy(data)) : JsonPtr(), std::move(payload)});
}

void UnitServer::on_exit(Message &message) {
  const auto found = sessions_.find(message.work_id);
  if (found == sessions_.end()) {
    send_error(message.request_id, message.work_id, ErrorCode::kUnknownWorkId,
               "work_id '" + message.work_id + "' is not set up on unit " + options_.unit_id);
    return;
  }
  const Session session = found->second;
  sessions_.erase(found);
  --sessions_per_worker_[session.worker];
  workers_[session.worker]->post(
      {UnitJob::Kind::kExit, message.request_id, message.work_id, session.model, {}, {}});
}

}  // namespace meetgate::infer
