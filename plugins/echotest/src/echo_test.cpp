#include "echo_test.hpp"

#include <cstring>
#include <optional>
#include <utility>

#include "json_ref.hpp"
#include "text_reverse.hpp"

namespace meetgate::echotest {

namespace {
const char *setting_or(const mg_core_callbacks *core, const char *key, const char *fallback) {
  const char *value = core->setting(key);
  return value ? value : fallback;
}
}  // namespace

EchoTest::EchoTest(mg_plugin *self, const mg_core_callbacks *core, EchoTestConfig config)
    : self_(self),
      core_(core),
      config_(std::move(config)),
      node_id_(setting_or(core, "node_id", "")),
      worker_(std::make_unique<WorkQueue>()) {}

EchoTest::~EchoTest() {
  worker_.reset();
}

int EchoTest::start() {
  // Registration is only allowed from init; each call may fail if another
  // plugin took the name first, which makes this plugin refuse to load.
  if (core_->register_route(self_, config_.route.c_str(), config_.max_body) != 0 ||
      core_->register_ws_path(self_, config_.ws_path.c_str()) != 0 ||
      core_->register_service(self_, kReverseService, &EchoTest::reverse_service, this) != 0 ||
      core_->subscribe(self_, "echotest.*") != 0) {
    core_->log(self_, MG_LOG_ERROR, "cannot register %s, %s or %s", config_.route.c_str(),
               config_.ws_path.c_str(), kReverseService);
    return -1;
  }
  core_->metric_set(self_, "echotest_sessions", nullptr, 0);
  core_->log(self_, MG_LOG_INFO, "serving %s and %s (echo_media=%s)", config_.route.c_str(),
             config_.ws_path.c_str(), config_.echo_media ? "true" : "false");
  return 0;
}

// --- sessions ---------------------------------------------------------------

mg_result EchoTest::create_session(mg_plugin_session *session, const mg_session_info *info) {
  // A real plugin would check a token here (call_service("auth.verify_token"))
  // and refuse with mg_result_error(401, ...). The echo test accepts anyone.
  auto state = std::make_shared<EchoSession>(
      session, info->request->remote_addr ? info->request->remote_addr : "");
  session->plugin_handle = state.get();
  size_t count = 0;
  {
    std::lock_guard lock(sessions_mutex_);
    sessions_[session->id] = std::move(state);
    count = sessions_.size();
  }
  core_->metric_set(self_, "echotest_sessions", nullptr, static_cast<double>(count));
  return mg_result_ok(nullptr);
}

void EchoTest::destroy_session(mg_plugin_session *session) {
  std::shared_ptr<EchoSession> state;
  size_t count = 0;
  {
    std::lock_guard lock(sessions_mutex_);
    auto found = sessions_.find(session->id);
    if (found == sessions_.end()) {
      return;
    }
    state = std::move(found->second);
    sessions_.erase(found);
    count = sessions_.size();
  }
  // After this no worker job touches the core's session; queued jobs keep
  // `state` itself alive through their shared_ptr and then drop it.
  state->close();
  session->plugin_handle = nullptr;
  core_->metric_set(self_, "echotest_sessions", nullptr, static_cast<double>(count));
}

json_t *EchoTest::query_session(mg_plugin_session *session) {
  return state_of(session).describe();
}

std::shared_ptr<EchoSession> EchoTest::find_session(uint64_t id) {
  std::lock_guard lock(sessions_mutex_);
  auto found = sessions_.find(id);
  return found == sessions_.end() ? nullptr : found->second;
}

size_t EchoTest::session_count() {
  std::lock_guard lock(sessions_mutex_);
  return sessions_.size();
}

// --- signaling ----------------------------------------------------------------

mg_result EchoTest::handle_message(mg_plugin_session *session, const char *transaction,
                                   const json_t *message) {
  state_of(session).messages++;
  const char *type = json_string_value(json_object_get(message, "type"));
  if (type == nullptr) {
    return mg_result_error(400, "message needs a string \"type\"");
  }
  if (std::strcmp(type, "echo") == 0) return on_echo(session, transaction, message);
  if (std::strcmp(type, "reverse") == 0) return on_reverse(message);
  if (std::strcmp(type, "offer") == 0) return on_offer(session, message);
  if (std::strcmp(type, "candidate") == 0) return on_candidate(session, message);
  if (std::strcmp(type, "hangup") == 0) return on_hangup(session);
  if (std::strcmp(type, "info") == 0) return mg_result_ok(state_of(session).describe());
  const std::string error = std::string("unknown message type '") + type + "'";
  return mg_result_error(400, error.c_str());
}

mg_result EchoTest::on_echo(mg_plugin_session *session, const char *transaction,
                            const json_t *message) {
  // `message` is borrowed: copy what the worker needs before returning.
  const json_t *payload = json_object_get(message, "payload");
  std::shared_ptr<json_t> payload_copy(payload ? json_deep_copy(payload) : json_null(),
                                       json_decref);
  std::optional<std::string> txn;
  if (transaction != nullptr) txn = transaction;
  std::shared_ptr<EchoSession> state = find_session(session->id);
  if (!state) {
    return mg_result_error(410, "session is closing");
  }
  worker_->post([this, state, txn, payload_copy] {
    json_t *answer = json_pack("{s:s,s:O}", "type", "echo", "payload", payload_copy.get());
    const bool delivered = state->with_live_handle([&](mg_plugin_session *handle) {
      core_->push_event(self_, handle, txn ? txn->c_str() : nullptr, answer);  // stolen
    });
    if (!delivered) {
      json_decref(answer);  // the client left before we answered
      return;
    }
    echoes_++;
    core_->metric_add(self_, "echotest_echoes_total", nullptr, 1);
    JsonRef event =
        adopt(json_pack("{s:I,s:s,s:s?,s:O}", "session_id", static_cast<json_int_t>(state->id()),
                        "node_id", node_id_.c_str(), "transaction", txn ? txn->c_str() : nullptr,
                        "payload", payload_copy.get()));
    core_->publish(self_, kEchoedTopic, event.get());  // borrowed: the core copies it
  });
  return mg_result_ack();
}

mg_result EchoTest::on_reverse(const json_t *message) {
  // Calls the service through the core, as another plugin would: plugins
  // never link against each other.
  JsonRef request = adopt(json_pack("{s:O?}", "text", json_object_get(message, "text")));
  json_t *response = nullptr;
  const int status = core_->call_service(kReverseService, request.get(), &response);
  JsonRef owned = adopt(response);
  if (status != 0) {
    return mg_result_error(status, text_of(owned.get(), "service failed").c_str());
  }
  return mg_result_ok(
      json_pack("{s:s,s:O}", "type", "reversed", "text", json_object_get(owned.get(), "text")));
}

int EchoTest::reverse_service(void *, const json_t *request, json_t **response) {
  const char *text = json_string_value(json_object_get(request, "text"));
  if (text == nullptr) {
    *response = json_string("\"text\" must be a string");
    return 400;
  }
  const size_t length = json_string_length(json_object_get(request, "text"));
  const std::string reversed = reverse_utf8(std::string_view(text, length));
  *response = json_pack("{s:s%}", "text", reversed.data(), reversed.size());
  return 0;
}

// --- bus and admin ------------------------------------------------------------

void EchoTest::handle_event(const char *topic, const json_t *event) {
  if (std::strcmp(topic, kEchoedTopic) != 0) {
    return;
  }
  events_received_++;
  // With a Redis bus the event reaches every node; only the node holding the
  // session tells its client.
  const char *node = json_string_value(json_object_get(event, "node_id"));
  if (node == nullptr || node_id_ != node) {
    return;
  }
  auto id = static_cast<uint64_t>(json_integer_value(json_object_get(event, "session_id")));
  std::shared_ptr<EchoSession> state = find_session(id);
  if (!state) {
    return;
  }
  json_t *message = json_pack("{s:s,s:s,s:O}", "type", "event", "topic", topic, "event", event);
  if (!state->with_live_handle([&](mg_plugin_session *handle) {
        core_->push_event(self_, handle, nullptr, message);  // stolen
      })) {
    json_decref(message);
  }
}

json_t *EchoTest::stats() {
  return json_pack("{s:s,s:s,s:I,s:I,s:I,s:I}", "package", kPackage, "version", kVersion,
                   "sessions", static_cast<json_int_t>(session_count()), "echoes",
                   static_cast<json_int_t>(echoes_.load()), "events_received",
                   static_cast<json_int_t>(events_received_.load()), "rtp_echoed",
                   static_cast<json_int_t>(rtp_echoed_.load()));
}

json_t *EchoTest::handle_admin_message(const json_t *message) {
  const char *request = json_string_value(json_object_get(message, "request"));
  if (request != nullptr && std::strcmp(request, "stats") == 0) {
    return stats();
  }
  if (request != nullptr && std::strcmp(request, "list_sessions") == 0) {
    json_t *ids = json_array();
    std::lock_guard lock(sessions_mutex_);
    for (const auto &[id, state] : sessions_) {
      json_array_append_new(ids, json_integer(static_cast<json_int_t>(id)));
    }
    return json_pack("{s:o}", "sessions", ids);
  }
  return json_pack("{s:i,s:s}", "code", 400, "error",
                   "unknown request; expected \"stats\" or \"list_sessions\"");
}

}  // namespace meetgate::echotest
