// InferClient's socket thread: the only code that touches the ROUTER socket.
#include <cstdio>
#include <zmq_addon.hpp>

#include "event_delivery.hpp"
#include "infer_client.hpp"

namespace meetgate::infer {
namespace {
using Kind = PendingRequest::Kind;
constexpr auto kPollSlice = std::chrono::milliseconds(20);  // deadline precision

void free_payload(void *, void *hint) {
  delete static_cast<std::shared_ptr<const std::string> *>(hint);
}

// The payload goes out without a copy; ZeroMQ drops our reference once sent.
zmq::message_t payload_frame(const std::shared_ptr<const std::string> &payload) {
  auto *holder = new std::shared_ptr<const std::string>(payload);
  return zmq::message_t(const_cast<char *>(payload->data()), payload->size(), free_payload, holder);
}

}  // namespace

void InferClient::run() {
  Deliveries out;
  while (!stopping_) {
    housekeeping(Clock::now());
    flush_outbound();
    std::array<zmq::pollitem_t, 2> items{
        {{router_.handle(), 0, ZMQ_POLLIN, 0}, {nullptr, wakeup_.fd(), ZMQ_POLLIN, 0}}};
    try {
      zmq::poll(items.data(), items.size(), kPollSlice);
    } catch (const zmq::error_t &error) {
      if (error.num() != EINTR)
        std::fprintf(stderr, "meetgate infer client: poll failed: %s\n", error.what());
      continue;
    }
    if (items[1].revents & ZMQ_POLLIN) wakeup_.drain();
    std::vector<zmq::message_t> frames;
    while (zmq::recv_multipart(router_, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
      on_unit_frames(frames);
      frames.clear();
    }
  }
}

void InferClient::flush_outbound() {
  std::deque<Outbound> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(outbound_);
  }
  Deliveries out;
  for (const Outbound &message : batch) {
    try {
      const auto more = message.payload ? zmq::send_flags::sndmore : zmq::send_flags::none;
      if (!router_.send(zmq::buffer(message.unit_id),
                        zmq::send_flags::sndmore | zmq::send_flags::dontwait)) {
        // The unit's queue is full (high-water mark): the request is dropped
        // here and fails at its deadline rather than blocking this thread.
        std::fprintf(stderr, "meetgate infer client: unit %s is not reading, message dropped\n",
                     message.unit_id.c_str());
        continue;
      }
      router_.send(zmq::buffer(message.json), more);
      if (message.payload) router_.send(payload_frame(message.payload), zmq::send_flags::none);
    } catch (const zmq::error_t &error) {
      // EHOSTUNREACH: the unit's connection is gone (router_mandatory).
      std::lock_guard lock(mutex_);
      unit_lost_locked(message.unit_id, std::string("send failed: ") + error.what(), out);
    }
  }
  run_deliveries(out);
}

void InferClient::send_control(const std::string &unit_id, const std::string &json) {
  outbound_.push_back({unit_id, json, nullptr});
}

void InferClient::housekeeping(Clock::time_point now) {
  Deliveries out;
  {
    std::lock_guard lock(mutex_);
    for (auto &request : pending_.take_expired(now)) {
      if (UnitDirectory::Unit *unit = directory_.find(request.unit_id); unit && unit->in_flight)
        --unit->in_flight;
      if (request.kind == Kind::kExit) continue;
      if (request.kind == Kind::kSessionInference)
        if (const auto session = sessions_.find(request.session_id); session != sessions_.end())
          std::erase(session->second.waiting, request.request_id);
      ++timeouts_;
      fail_locked(std::move(request),
                  {ErrorCode::kTimeout, "no inference result before the request's deadline"}, out);
    }
    if (now >= next_heartbeat_) {
      next_heartbeat_ = now + options_.heartbeat_interval;
      for (const auto &dead : directory_.expire(now, options_.unit_timeout))
        unit_lost_locked(
            dead, "no heartbeat for " + std::to_string(options_.unit_timeout.count()) + " ms", out);
      const std::string heartbeat = build_request("", "", kActionHeartbeat, "", nullptr);
      for (const auto &unit_id : directory_.unit_ids()) send_control(unit_id, heartbeat);
    }
  }
  run_deliveries(out);
}

void InferClient::on_unit_frames(std::vector<zmq::message_t> &frames) {
  if (frames.size() < 2 || frames.size() > 3) return;  // not our protocol
  const std::string unit_id = frames[0].to_string();
  ParseOutcome parsed = parse_message(frames[1].to_string_view());
  if (!parsed.message) {
    std::fprintf(stderr, "meetgate infer client: unit %s sent an unreadable message: %s\n",
                 unit_id.c_str(), parsed.error_message.c_str());
    return;
  }
  Deliveries out;
  {
    std::lock_guard lock(mutex_);
    on_unit_message(unit_id, *parsed.message, out);
  }
  run_deliveries(out);
}

void InferClient::on_unit_message(const std::string &unit_id, const Message &message,
                                  Deliveries &out) {
  const auto now = Clock::now();
  if (message.action == kActionHello) {
    // A known unit announcing itself again has dropped its sessions (it lost
    // contact with us or restarted under the same id).
    if (directory_.find(unit_id)) unit_lost_locked(unit_id, "it announced itself again", out);
    if (directory_.announce(unit_id, message.root.get(), now)) {
      units_changed_.notify_all();
      send_control(unit_id, build_request("", "", kActionHeartbeat, "", nullptr));
    }
    return;
  }
  if (message.action == kActionBye) {
    unit_lost_locked(unit_id, "it said bye", out);
    return;
  }
  if (!directory_.touch(unit_id, now, json_object_get(message.root.get(), "load"))) {
    send_control(unit_id, build_request("", "", kActionHello, "", nullptr));  // who are you?
    return;
  }
  if (message.action == kActionHeartbeat) return;
  on_reply(unit_id, message, out);
}

void InferClient::on_reply(const std::string &unit_id, const Message &message, Deliveries &out) {
  PendingRequest *pending = pending_.find(message.request_id);
  if (!pending || pending->unit_id != unit_id) {  // finished, timed out, or re-sent elsewhere
    ++late_replies_;
    // A setup that completed after its deadline left a session on the unit
    // that nobody will use: close it there.
    if (!message.error_code && !message.work_id.empty() &&
        json_string_field(message.data(), "status") == "ready")
      send_exit_locked(unit_id, message.work_id, message.object);
    return;
  }
  const bool final = message.is_final_reply();
  InferEvent event;
  event.request_id = message.request_id;
  event.unit_id = unit_id;
  event.work_id = message.work_id;
  event.final = final;
  if (message.error_code)
    event.error = InferError{*message.error_code, message.error_message};
  else if (json_t *data = message.data())
    event.data = json_share(data);
  if (!final) {
    if (pending->callback) out.push_back(make_delivery(pending->callback, std::move(event)));
    return;
  }
  PendingRequest request = std::move(*pending_.take(message.request_id));
  if (UnitDirectory::Unit *unit = directory_.find(unit_id); unit && unit->in_flight)
    --unit->in_flight;
  message.error_code ? ++failed_ : ++completed_;
  if (request.kind == Kind::kSetup) {
    if (message.error_code)
      session_failed_locked(request.session_id, *event.error, out);
    else
      setup_done_locked(request, message.work_id, out);
  }
  if (request.callback) out.push_back(make_delivery(request.callback, std::move(event)));
}

void InferClient::setup_done_locked(PendingRequest &setup, const std::string &work_id,
                                    Deliveries &) {
  const auto found = sessions_.find(setup.session_id);
  if (found == sessions_.end()) return;
  Session &session = found->second;
  session.work_id = work_id;
  session.ready = true;
  for (const auto &id : session.waiting) {
    if (PendingRequest *waiting = pending_.find(id)) {
      waiting->unit_id = session.unit_id;
      waiting->work_id = work_id;
      send_locked(*waiting);
    }
  }
  session.waiting.clear();
  if (session.close_requested) {
    send_exit_locked(session.unit_id, work_id, session.model);
    if (UnitDirectory::Unit *unit = directory_.find(session.unit_id); unit && unit->sessions)
      --unit->sessions;
    sessions_.erase(found);
  }
}

}  // namespace meetgate::infer
