// Rooms, chat and the mesh relay of the signaling protocol (see README.md).
#include "videoroom.hpp"

namespace meetgate::videoroom {

namespace {

json_t *member_json(const Connection &member) {
  return json_pack("{s:I,s:s,s:s,s:s,s:I}", "user_id", static_cast<json_int_t>(member.user_id),
                   "username", member.username.c_str(), "session_id", member.session_id.c_str(),
                   "peer_id", member.peer_id.c_str(), "joined_at",
                   static_cast<json_int_t>(member.joined_at_ms));
}

// The header of a message a member sent, as the others receive it.
OutgoingHeader sender_header(const Connection &from, const json_t *id) {
  OutgoingHeader header;
  header.id = id;
  header.from_user_id = from.user_id;
  header.meeting_id = from.meeting_id;
  header.session_id = from.session_id;
  header.peer_id = from.peer_id;
  return header;
}

}  // namespace

json_t *VideoRoom::ice_servers_json() const {
  json_t *servers = json_array();
  for (const auto &url : config_.ice_servers) {
    json_array_append_new(servers, json_pack("{s:s}", "urls", url.c_str()));
  }
  return servers;
}

json_t *VideoRoom::room_info_locked(const Room &room, const Connection &viewer) const {
  return json_pack("{s:s,s:I,s:s,s:s,s:o,s:o}", "meeting_id", room.meeting_id().c_str(),
                   "participant_count", static_cast<json_int_t>(room.size()), "session_id",
                   viewer.session_id.c_str(), "peer_id", viewer.peer_id.c_str(), "ice_servers",
                   ice_servers_json(), "participants", room.participants_json(viewer.core_id));
}

void VideoRoom::join_locked(const ConnectionPtr &connection) {
  auto [entry, created] = rooms_.try_emplace(connection->meeting_id, connection->meeting_id);
  Room &room = entry->second;
  if (!connection->joined) {
    connection->joined = true;
    connection->joined_at_ms = now_ms();
    room.add(connection);
    for (const auto &member : room.members()) {
      if (member->core_id == connection->core_id) continue;
      OutgoingHeader header = sender_header(*connection, nullptr);
      header.to_user_id = member->user_id;
      push_locked(*member, build_message(MessageType::kUserJoined, member->form, header,
                                         member_json(*connection)));
      push_locked(*member, build_message(MessageType::kRoomInfo, member->form,
                                         server_header(*member), room_info_locked(room, *member)));
    }
    sfu_->join(connection->meeting_id, connection->meeting_number, connection->core_id,
               connection->user_id);
    update_gauges_locked();
  }
  // A repeated join-room only repeats the room-info.
  push_locked(*connection,
              build_message(MessageType::kRoomInfo, connection->form, server_header(*connection),
                            room_info_locked(room, *connection)));
}

void VideoRoom::leave_locked(const ConnectionPtr &connection, const char *reason) {
  if (!connection->joined) return;
  connection->joined = false;
  auto entry = rooms_.find(connection->meeting_id);
  if (entry == rooms_.end()) return;
  Room &room = entry->second;
  room.remove(connection->core_id);
  for (const auto &member : room.members()) {
    json_t *payload = member_json(*connection);
    json_object_set_new(payload, "reason", json_string(reason));
    OutgoingHeader header = sender_header(*connection, nullptr);
    header.to_user_id = member->user_id;
    push_locked(*member, build_message(MessageType::kUserLeft, member->form, header, payload));
    push_locked(*member, build_message(MessageType::kRoomInfo, member->form, server_header(*member),
                                       room_info_locked(room, *member)));
  }
  if (room.empty()) rooms_.erase(entry);
  update_gauges_locked();
}

mg_result VideoRoom::relay(const ConnectionPtr &connection, const IncomingMessage &message) {
  auto entry = rooms_.find(connection->meeting_id);
  size_t delivered = 0;
  if (entry != rooms_.end()) {
    for (const auto &member : entry->second.members()) {
      if (member->user_id != message.to_user_id || member->core_id == connection->core_id) {
        continue;
      }
      OutgoingHeader header = sender_header(*connection, message.id.get());
      header.to_user_id = message.to_user_id;
      if (!message.peer_id.empty()) header.peer_id = message.peer_id;
      push_locked(*member, build_message(message.type, member->form, header,
                                         json_deep_copy(message.payload.get())));
      ++delivered;
    }
  }
  if (delivered == 0) {
    return mg_result_ok(error_frame(
        *connection,
        {404, "user not in the room",
         "user " + std::to_string(message.to_user_id) + " has no session in this meeting"},
        message.id.get()));
  }
  core_->metric_add(self_, "videoroom_relayed_messages_total", nullptr,
                    static_cast<double>(delivered));
  return mg_result_ok(nullptr);
}

mg_result VideoRoom::broadcast_control(const ConnectionPtr &connection,
                                       const IncomingMessage &message) {
  auto entry = rooms_.find(connection->meeting_id);
  if (entry == rooms_.end()) return mg_result_ok(nullptr);
  for (const auto &member : entry->second.members()) {
    if (member->core_id == connection->core_id) continue;
    push_locked(*member, build_message(message.type, member->form,
                                       sender_header(*connection, message.id.get()),
                                       json_deep_copy(message.payload.get())));
  }
  return mg_result_ok(nullptr);
}

void VideoRoom::post_chat(const ConnectionPtr &connection, const IncomingMessage &message) {
  ChatRecord record;
  record.meeting_id = connection->meeting_id;
  record.user_id = connection->user_id;
  record.username = connection->username;
  record.content = chat_content(message.payload.get());
  record.created_at_ms = now_ms();
  const json_t *id = message.id.get();
  if (json_is_string(id)) record.client_message_id = json_string_value(id);
  if (json_is_integer(id)) record.client_message_id = std::to_string(json_integer_value(id));
  auto client_id = std::make_shared<JsonRef>(message.id ? share(message.id.get()) : JsonRef());
  const uint64_t sender = connection->core_id;
  const std::string sender_session = connection->session_id;
  db_queue_->post([this, record = std::move(record), client_id, sender, sender_session]() mutable {
    try {
      record = chat_->add(std::move(record));
    } catch (const std::exception &error) {
      core_->log(self_, MG_LOG_ERROR, "chat not stored: %s", error.what());
      send_error_to(sender, {503, "chat not stored", "the database is unavailable"},
                    client_id->get());
      return;
    }
    deliver_chat(record, *client_id, sender_session);
  });
}

// One message per member, sender included, in storage order (one queue).
void VideoRoom::deliver_chat(const ChatRecord &record, const JsonRef &client_id,
                             const std::string &sender_session) {
  ++chat_messages_;
  core_->metric_add(self_, "videoroom_chat_messages_total", nullptr, 1);
  std::lock_guard lock(mutex_);
  auto entry = rooms_.find(record.meeting_id);
  if (entry == rooms_.end()) return;
  for (const auto &member : entry->second.members()) {
    OutgoingHeader header;
    header.id = client_id.get();
    header.from_user_id = record.user_id;
    header.meeting_id = record.meeting_id;
    header.session_id = sender_session;
    json_t *payload =
        json_pack("{s:I,s:s,s:s,s:I,s:I}", "message_id", static_cast<json_int_t>(record.id),
                  "content", record.content.c_str(), "username", record.username.c_str(), "user_id",
                  static_cast<json_int_t>(record.user_id), "created_at",
                  static_cast<json_int_t>(record.created_at_ms));
    push_locked(*member, build_message(MessageType::kChat, member->form, header, payload));
  }
}

void VideoRoom::close_matching(const std::string &meeting_id, int64_t user_id,
                               const ProtocolError &notice, const char *reason) {
  // close_session only queues the close: destroy_session follows later on
  // the transport's thread, so holding the lock here is safe.
  std::lock_guard lock(mutex_);
  for (const auto &[core_id, connection] : connections_) {
    if (connection->meeting_id != meeting_id) continue;
    if (user_id != 0 && connection->user_id != user_id) continue;
    push_locked(*connection, error_frame(*connection, notice, nullptr));
    core_->close_session(self_, connection->session, reason);
  }
}

}  // namespace meetgate::videoroom
