#include "infer_client.hpp"

#include <cstdlib>

#include "event_delivery.hpp"

namespace meetgate::infer {
namespace {
using Kind = PendingRequest::Kind;
std::string request_json(const PendingRequest &request) {
  switch (request.kind) {
    case Kind::kOneShot:
      return build_request(request.request_id, "", kActionInference, request.object,
                           request.data.get());
    case Kind::kSetup:
      return build_request(request.request_id, "", kActionSetup, request.object,
                           request.data.get());
    case Kind::kSessionInference:
      return build_request(request.request_id, request.work_id, kActionInference, request.object,
                           request.data.get());
    case Kind::kExit:
      break;
  }
  return build_request(request.request_id, request.work_id, kActionExit, request.object, nullptr);
}

}  // namespace

InferClientOptions InferClientOptions::from_environment() {
  InferClientOptions options;
  if (const char *endpoint = std::getenv("MEETGATE_INFER_ENDPOINT"); endpoint && *endpoint)
    options.endpoint = endpoint;
  return options;
}

InferClient::InferClient(InferClientOptions options)
    : options_(std::move(options)), router_(context_, zmq::socket_type::router) {}

InferClient::~InferClient() {
  stop();
}

void InferClient::start() {
  router_.set(zmq::sockopt::router_mandatory, 1);  // sending to a gone unit fails at once
  router_.set(zmq::sockopt::router_handover, 1);   // a restarted unit with the same id takes over
  router_.set(zmq::sockopt::linger, 0);
  router_.set(zmq::sockopt::sndhwm, 100000);
  router_.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(options_.max_message_bytes));
  router_.bind(options_.endpoint);
  bound_endpoint_ = router_.get(zmq::sockopt::last_endpoint);
  started_ = true;
  next_heartbeat_ = Clock::now();
  thread_ = std::thread([this] { run(); });
}

void InferClient::stop() {
  if (!started_) return;
  stopping_ = true;
  wakeup_.signal();
  thread_.join();
  started_ = false;
  Deliveries out;
  {
    std::lock_guard lock(mutex_);
    for (auto &request : pending_.take_all())
      fail_locked(std::move(request), {ErrorCode::kShutdown, "inference client stopped"}, out);
    sessions_.clear();
  }
  run_deliveries(out);
  router_.close();
}

std::optional<InferError> InferClient::admit_locked() const {
  if (!started_ || stopping_)
    return InferError{ErrorCode::kShutdown, "inference client is not running"};
  if (pending_.size() >= options_.max_pending)
    return InferError{ErrorCode::kQueueFull, "too many inference requests pending (" +
                                                 std::to_string(options_.max_pending) +
                                                 "), retry later"};
  return std::nullopt;
}

std::string InferClient::next_id_locked(char prefix) {
  return prefix + std::to_string(next_id_++);
}

void InferClient::send_locked(PendingRequest &request) {
  if (UnitDirectory::Unit *unit = directory_.find(request.unit_id)) ++unit->in_flight;
  ++sent_;
  outbound_.push_back({request.unit_id, request_json(request), request.payload});
  wakeup_.signal();
}

Submission InferClient::infer(const std::string &model, JsonPtr data, std::string payload,
                              InferCallback callback, std::chrono::milliseconds deadline) {
  std::lock_guard lock(mutex_);
  if (auto error = admit_locked()) return {{}, error};
  PendingRequest request;
  if (auto error = directory_.pick(model, "", request.unit_id)) return {{}, error};
  request.request_id = next_id_locked('r');
  request.kind = Kind::kOneShot;
  request.object = model;
  request.data = std::move(data);
  if (!payload.empty()) request.payload = std::make_shared<const std::string>(std::move(payload));
  request.callback = std::move(callback);
  request.deadline = Clock::now() + (deadline.count() > 0 ? deadline : options_.default_deadline);
  send_locked(request);
  Submission submission{request.request_id, std::nullopt};
  pending_.insert(std::move(request));
  return submission;
}

Submission InferClient::open_session(const std::string &model, JsonPtr config,
                                     InferCallback callback) {
  std::lock_guard lock(mutex_);
  if (auto error = admit_locked()) return {{}, error};
  PendingRequest setup;
  if (auto error = directory_.pick(model, "", setup.unit_id)) return {{}, error};
  setup.request_id = next_id_locked('r');
  setup.session_id = next_id_locked('s');
  setup.kind = Kind::kSetup;
  setup.object = model;
  setup.data = std::move(config);
  setup.callback = callback;
  setup.deadline = Clock::now() + options_.default_deadline;
  Session &session = sessions_[setup.session_id];
  session.model = model;
  session.unit_id = setup.unit_id;
  session.callback = std::move(callback);
  ++directory_.find(setup.unit_id)->sessions;
  send_locked(setup);
  Submission submission{setup.session_id, std::nullopt};
  pending_.insert(std::move(setup));
  return submission;
}

Submission InferClient::submit(const std::string &session_id, JsonPtr data, std::string payload,
                               InferCallback callback, std::chrono::milliseconds deadline) {
  std::lock_guard lock(mutex_);
  if (auto error = admit_locked()) return {{}, error};
  const auto found = sessions_.find(session_id);
  if (found == sessions_.end() || found->second.close_requested)
    return {{},
            InferError{ErrorCode::kUnknownSession,
                       "inference session '" + session_id + "' is not open"}};
  Session &session = found->second;
  if (session.lost)
    return {
        {},
        InferError{ErrorCode::kUnitLost, "the unit serving session '" + session_id + "' was lost"}};
  PendingRequest request;
  request.request_id = next_id_locked('r');
  request.kind = Kind::kSessionInference;
  request.session_id = session_id;
  request.object = session.model;
  request.data = std::move(data);
  if (!payload.empty()) request.payload = std::make_shared<const std::string>(std::move(payload));
  request.callback = std::move(callback);
  request.deadline = Clock::now() + (deadline.count() > 0 ? deadline : options_.default_deadline);
  if (session.ready) {
    request.unit_id = session.unit_id;
    request.work_id = session.work_id;
    send_locked(request);
  } else {
    session.waiting.push_back(request.request_id);
  }
  Submission submission{request.request_id, std::nullopt};
  pending_.insert(std::move(request));
  return submission;
}

void InferClient::close_session(const std::string &session_id) {
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(session_id);
  if (found == sessions_.end()) return;
  Session &session = found->second;
  if (!session.ready && !session.lost) {  // exit follows the setup reply
    session.close_requested = true;
    return;
  }
  if (session.ready && !session.lost) {
    send_exit_locked(session.unit_id, session.work_id, session.model);
    if (UnitDirectory::Unit *unit = directory_.find(session.unit_id); unit && unit->sessions)
      --unit->sessions;
  }
  sessions_.erase(found);
}

void InferClient::send_exit_locked(const std::string &unit_id, const std::string &work_id,
                                   const std::string &model) {
  if (stopping_) return;
  PendingRequest exit;
  exit.request_id = next_id_locked('r');
  exit.kind = Kind::kExit;
  exit.unit_id = unit_id;
  exit.work_id = work_id;
  exit.object = model;
  exit.deadline = Clock::now() + options_.default_deadline;
  send_locked(exit);
  pending_.insert(std::move(exit));
}

void InferClient::fail_locked(PendingRequest &&request, InferError error, Deliveries &out) {
  ++failed_;
  if (request.kind == Kind::kSetup) session_failed_locked(request.session_id, error, out);
  if (!request.callback) return;
  InferEvent event;
  event.request_id = request.request_id;
  event.unit_id = request.unit_id;
  event.work_id = request.work_id;
  event.final = true;
  event.error = std::move(error);
  out.push_back(make_delivery(request.callback, std::move(event)));
}

void InferClient::session_failed_locked(const std::string &session_id, const InferError &error,
                                        Deliveries &out) {
  const auto found = sessions_.find(session_id);
  if (found == sessions_.end()) return;
  Session session = std::move(found->second);
  sessions_.erase(found);
  if (UnitDirectory::Unit *unit = directory_.find(session.unit_id); unit && unit->sessions)
    --unit->sessions;
  for (const auto &id : session.waiting)
    if (auto waiting = pending_.take(id))
      fail_locked(std::move(*waiting), {error.code, "session setup failed: " + error.message}, out);
}

void InferClient::resend_or_fail_locked(PendingRequest &&request, const std::string &dead_unit,
                                        Deliveries &out) {
  request.unit_id.clear();
  const bool resendable = request.kind == Kind::kOneShot || request.kind == Kind::kSetup;
  if (resendable && request.resends < options_.max_resends) {
    std::string unit_id;
    if (auto error = directory_.pick(request.object, dead_unit, unit_id)) {
      fail_locked(
          std::move(request),
          {ErrorCode::kUnitLost, "inference unit " + dead_unit + " was lost and " + error->message},
          out);
      return;
    }
    request.unit_id = unit_id;
    ++request.resends;
    ++resent_;
    if (request.kind == Kind::kSetup) {
      if (const auto session = sessions_.find(request.session_id); session != sessions_.end())
        session->second.unit_id = unit_id;
      ++directory_.find(unit_id)->sessions;
    }
    send_locked(request);
    pending_.insert(std::move(request));
    return;
  }
  if (request.kind == Kind::kExit) return;  // the session died with its unit anyway
  fail_locked(std::move(request),
              {ErrorCode::kUnitLost,
               "inference unit " + dead_unit + " was lost with the request in flight"},
              out);
}

void InferClient::unit_lost_locked(const std::string &unit_id, const std::string &why,
                                   Deliveries &out) {
  directory_.remove(unit_id);
  units_changed_.notify_all();
  for (auto &[id, session] : sessions_) {
    if (session.unit_id != unit_id || !session.ready || session.lost) continue;
    session.lost = true;
    InferEvent event;
    event.unit_id = unit_id;
    event.work_id = session.work_id;
    event.final = true;
    event.error =
        InferError{ErrorCode::kUnitLost, "inference unit " + unit_id + " lost (" + why +
                                             "); session '" + id + "' must be opened again"};
    if (session.callback) out.push_back(make_delivery(session.callback, std::move(event)));
  }
  for (auto &request : pending_.take_for_unit(unit_id))
    resend_or_fail_locked(std::move(request), unit_id, out);
}

JsonPtr InferClient::models() const {
  std::lock_guard lock(mutex_);
  return directory_.models_json();
}

JsonPtr InferClient::units() const {
  std::lock_guard lock(mutex_);
  return directory_.units_json(Clock::now());
}

JsonPtr InferClient::stats() const {
  std::lock_guard lock(mutex_);
  const auto count = [](std::uint64_t value) { return static_cast<json_int_t>(value); };
  return json_take(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "units",
                             count(directory_.size()), "pending", count(pending_.size()),
                             "sessions", count(sessions_.size()), "sent", count(sent_), "completed",
                             count(completed_), "failed", count(failed_), "resent", count(resent_),
                             "timeouts", count(timeouts_), "late_replies", count(late_replies_)));
}

bool InferClient::wait_for_units(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return units_changed_.wait_for(lock, timeout, [&] { return directory_.size() >= count; });
}

}  // namespace meetgate::infer
