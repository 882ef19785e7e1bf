#include "videoroom.hpp"

#include <meetgate/storage/database.hpp>
#include <utility>

namespace meetgate::videoroom {

VideoRoom::VideoRoom(mg_plugin *self, const mg_core_callbacks *core, VideoRoomConfig config)
    : self_(self), core_(core), config_(std::move(config)) {
  limits_.max_chat_length = config_.max_chat_length;
}

VideoRoom::~VideoRoom() {
  sfu_.reset();       // closes every PeerConnection it still holds
  db_queue_.reset();  // stores and delivers the chat already queued
}

int VideoRoom::start() {
  const char *database_url = core_->setting("database_url");
  try {
    auto database = storage::Database::open(database_url ? database_url : "", config_.db_pool_size);
    chat_ = std::make_unique<ChatStore>(std::move(database));
    chat_->migrate();
  } catch (const std::exception &error) {
    core_->log(self_, MG_LOG_ERROR, "chat storage unavailable: %s", error.what());
    return -1;
  }
  const auto root = StaticFiles::locate_root(config_.www_dir);
  if (!root.empty()) {
    www_.emplace(root);
    core_->log(self_, MG_LOG_INFO, "web client served on /app/ from %s", www_->root().c_str());
  } else {
    core_->log(self_, MG_LOG_WARN, "no web client directory found (general.www_dir)");
  }
  db_queue_ = std::make_unique<WorkQueue>();
  sfu_ = std::make_unique<Sfu>(*this,
                               SfuLimits{config_.max_publishers_tracks,
                                         static_cast<int64_t>(config_.active_speaker_interval_ms),
                                         static_cast<int>(config_.active_speaker_max_dbov)});
  if (core_->register_ws_path(self_, "/ws/signaling") != 0 ||
      core_->register_route(self_, "/api/v1/stats", 0) != 0 ||
      core_->register_route(self_, "/api/v1/rooms", 0) != 0 ||
      core_->register_route(self_, "/app", 0) != 0) {
    core_->log(self_, MG_LOG_ERROR, "cannot register /ws/signaling or its routes");
    return -1;
  }
  for (const char *topic : {"meeting.ended", "participant.*", "recording.*", "ai.result"}) {
    core_->subscribe(self_, topic);
  }
  std::lock_guard lock(mutex_);
  update_gauges_locked();
  return 0;
}

// --- sessions -----------------------------------------------------------------

std::optional<ConnectRefusal> VideoRoom::authorize(const ConnectRequest &request,
                                                   Connection &connection) {
  JsonRef token_request = adopt(json_pack("{s:s}", "token", request.token.c_str()));
  json_t *response = nullptr;
  int status = core_->call_service("auth.verify_token", token_request.get(), &response);
  JsonRef identity = adopt(response);
  if (status != 0) {
    return ConnectRefusal{status == 503 ? 503 : 401, text_of(identity.get(), "invalid token")};
  }
  const json_t *token_user = json_object_get(identity.get(), "user_id");
  if (!json_is_integer(token_user) || json_integer_value(token_user) != request.user_id) {
    return ConnectRefusal{401, "user_id does not match the token"};
  }
  connection.user_id = request.user_id;
  connection.username = text_of(json_object_get(identity.get(), "username"), "");

  JsonRef join_request =
      adopt(json_pack("{s:I,s:s}", "user_id", static_cast<json_int_t>(request.user_id),
                      "meeting_id", request.meeting_id.c_str()));
  response = nullptr;
  status = core_->call_service("meeting.authorize_join", join_request.get(), &response);
  JsonRef membership = adopt(response);
  if (status != 0) {
    const int code = status == 404 || status == 400 || status == 503 ? status : 403;
    return ConnectRefusal{code, text_of(membership.get(), "not a participant of this meeting")};
  }
  connection.meeting_id =
      text_of(json_object_get(membership.get(), "meeting_id"), request.meeting_id.c_str());
  connection.meeting_number = json_integer_value(json_object_get(membership.get(), "id"));
  connection.role = text_of(json_object_get(membership.get(), "role"), "participant");
  connection.peer_id = request.peer_id;
  return std::nullopt;
}

mg_result VideoRoom::create_session(mg_plugin_session *session, const mg_session_info *info) {
  ConnectRequest request;
  if (auto refusal = parse_connect_request(*info->request, request)) {
    return mg_result_error(refusal->status, refusal->message.c_str());
  }
  auto connection = std::make_shared<Connection>();
  if (auto refusal = authorize(request, *connection)) {
    return mg_result_error(refusal->status, refusal->message.c_str());
  }
  connection->session = session;
  connection->core_id = session->id;
  connection->session_id = "sess-" + std::to_string(session->id);
  std::lock_guard lock(mutex_);
  connections_[session->id] = connection;
  update_gauges_locked();
  return mg_result_ok(nullptr);
}

void VideoRoom::destroy_session(mg_plugin_session *session) {
  {
    std::lock_guard lock(mutex_);
    auto found = connections_.find(session->id);
    if (found == connections_.end()) return;
    leave_locked(found->second, "disconnected");
    connections_.erase(found);
    update_gauges_locked();
  }
  sfu_->leave(session->id);
}

json_t *VideoRoom::query_session(mg_plugin_session *session) {
  std::lock_guard lock(mutex_);
  ConnectionPtr connection = connection_of(session->id);
  if (!connection) return nullptr;
  return json_pack(
      "{s:I,s:s,s:s,s:s,s:s,s:b,s:I}", "user_id", static_cast<json_int_t>(connection->user_id),
      "username", connection->username.c_str(), "meeting_id", connection->meeting_id.c_str(),
      "session_id", connection->session_id.c_str(), "peer_id", connection->peer_id.c_str(),
      "joined", connection->joined, "messages", static_cast<json_int_t>(connection->messages_in));
}

VideoRoom::ConnectionPtr VideoRoom::connection_of(uint64_t core_id) const {
  auto found = connections_.find(core_id);
  return found == connections_.end() ? nullptr : found->second;
}

// --- messages -----------------------------------------------------------------

mg_result VideoRoom::handle_message(mg_plugin_session *session, const json_t *message) {
  ConnectionPtr connection;
  {
    std::lock_guard lock(mutex_);
    connection = connection_of(session->id);
    if (connection) ++connection->messages_in;
  }
  if (!connection) return mg_result_error(410, "session closed");
  ++signaling_messages_;
  IncomingMessage incoming;
  auto error = parse_incoming(message, limits_, incoming);
  std::lock_guard lock(mutex_);
  connection->form = incoming.form;
  if (error) return mg_result_ok(error_frame(*connection, *error, incoming.id.get()));
  return route_message(connection, incoming);
}

mg_result VideoRoom::route_message(const ConnectionPtr &connection, IncomingMessage &message) {
  const json_t *id = message.id.get();
  switch (message.type) {
    case MessageType::kPing: {
      OutgoingHeader header = server_header(*connection);
      header.id = id;
      return mg_result_ok(build_message(MessageType::kPong, connection->form, header,
                                        json_pack("{s:I}", "server_time", now_ms())));
    }
    case MessageType::kPong:
      return mg_result_ok(nullptr);
    case MessageType::kJoinRoom:
      join_locked(connection);
      return mg_result_ok(nullptr);
    default:
      break;
  }
  if (!connection->joined) {
    return mg_result_ok(error_frame(
        *connection, {409, "not in the room", "send join-room before this message"}, id));
  }
  switch (message.type) {
    case MessageType::kLeaveRoom:
      leave_locked(connection, "left");
      push_locked(*connection,
                  build_message(MessageType::kLeaveRoom, connection->form,
                                server_header(*connection), json_pack("{s:b}", "left", 1)));
      sfu_->leave(connection->core_id);
      return mg_result_ok(nullptr);
    case MessageType::kChat:
      post_chat(connection, message);
      return mg_result_ok(nullptr);
    case MessageType::kMediaControl:
    case MessageType::kScreenShare:
      return broadcast_control(connection, message);
    default:
      return route_media(connection, message);
  }
}

mg_result VideoRoom::route_media(const ConnectionPtr &connection, IncomingMessage &message) {
  const json_t *id = message.id.get();
  const bool relayable = message.type == MessageType::kOffer ||
                         message.type == MessageType::kAnswer ||
                         message.type == MessageType::kIceCandidate;
  if (relayable && message.addressee == Addressee::kUser) return relay(connection, message);
  if (!config_.sfu) {
    return mg_result_ok(error_frame(
        *connection, {400, "missing to_user_id", "this server relays peer to peer only"}, id));
  }
  const uint64_t core_id = connection->core_id;
  const json_t *payload = message.payload.get();
  switch (message.type) {
    case MessageType::kOffer:
      sfu_->offer(core_id, id, payload);
      break;
    case MessageType::kAnswer:
      sfu_->answer(core_id, id, payload);
      break;
    case MessageType::kIceCandidate:
      sfu_->candidate(core_id, id, payload);
      break;
    case MessageType::kSubscribe:
      sfu_->subscribe(core_id, id, payload);
      break;
    case MessageType::kUnpublish:
      sfu_->unpublish(core_id, id, payload);
      break;
    default:
      return mg_result_ok(error_frame(*connection, {400, "unexpected message type", ""}, id));
  }
  return mg_result_ok(nullptr);
}

// --- sending --------------------------------------------------------------------

OutgoingHeader VideoRoom::server_header(const Connection &to) const {
  OutgoingHeader header;
  header.to_user_id = to.user_id;
  header.meeting_id = to.meeting_id;
  header.session_id = to.session_id;
  header.peer_id = to.peer_id;
  return header;
}

void VideoRoom::push_locked(const Connection &to, json_t *message) {
  core_->push_event(self_, to.session, nullptr, message);
}

json_t *VideoRoom::error_frame(const Connection &to, const ProtocolError &error,
                               const json_t *id) const {
  OutgoingHeader header = server_header(to);
  header.id = id;
  return build_error(to.form, error, header);
}

bool VideoRoom::send_to(uint64_t core_id, MessageType type, json_t *payload) {
  std::lock_guard lock(mutex_);
  ConnectionPtr connection = connection_of(core_id);
  if (!connection) {
    json_decref(payload);
    return false;
  }
  push_locked(*connection,
              build_message(type, connection->form, server_header(*connection), payload));
  return true;
}

void VideoRoom::send_error_to(uint64_t core_id, const ProtocolError &error, const json_t *id) {
  std::lock_guard lock(mutex_);
  ConnectionPtr connection = connection_of(core_id);
  if (connection) push_locked(*connection, error_frame(*connection, error, id));
}

void VideoRoom::broadcast(const std::string &meeting_id, MessageType type, json_t *payload,
                          uint64_t except_core_id) {
  JsonRef owned = adopt(payload);
  std::lock_guard lock(mutex_);
  auto room = rooms_.find(meeting_id);
  if (room == rooms_.end()) return;
  for (const auto &member : room->second.members()) {
    if (member->core_id == except_core_id) continue;
    push_locked(*member, build_message(type, member->form, server_header(*member),
                                       json_deep_copy(owned.get())));
  }
}

mg_pc_id VideoRoom::create_pc(uint64_t core_id, json_t **error) {
  // Under the lock: destroy_session cannot run meanwhile, so the session
  // pointer handed to the core is alive.
  std::lock_guard lock(mutex_);
  ConnectionPtr connection = connection_of(core_id);
  if (!connection) {
    *error = json_string("the session has closed");
    return 0;
  }
  return core_->pc_create(self_, connection->session, nullptr, error);
}

void VideoRoom::update_gauges_locked() {
  size_t participants = 0;
  for (const auto &[meeting_id, room] : rooms_) participants += room.size();
  core_->metric_set(self_, "videoroom_connections", nullptr,
                    static_cast<double>(connections_.size()));
  core_->metric_set(self_, "videoroom_rooms", nullptr, static_cast<double>(rooms_.size()));
  core_->metric_set(self_, "videoroom_participants", nullptr, static_cast<double>(participants));
}

}  // namespace meetgate::videoroom
