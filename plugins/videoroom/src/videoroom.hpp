// The videoroom plugin: the seed's signaling protocol on /ws/signaling
// (rooms, chat, mesh relay), the SFU on top of the core's media router, the
// REST stats and chat history, and the web client's static files.
//
// Threads: entry points run on core threads (WebSocket service thread, HTTP
// workers, bus dispatcher, media workers). Signaling state (connections and
// rooms) is guarded by one mutex, and every push to a client happens under
// it, so a session is never used after destroy_session removed it. Database
// work runs on `db_queue_`, media work on the SFU's own thread.
#pragma once

#include <meetgate/plugin.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "chat_store.hpp"
#include "connect_request.hpp"
#include "connection.hpp"
#include "room.hpp"
#include "sfu.hpp"
#include "sfu_host.hpp"
#include "signal_message.hpp"
#include "static_files.hpp"
#include "videoroom_config.hpp"
#include "work_queue.hpp"

namespace meetgate::videoroom {

inline constexpr const char *kPackage = "meetgate.plugin.videoroom";
inline constexpr const char *kVersion = "1.0.0";

class VideoRoom final : public SfuHost {
 public:
  VideoRoom(mg_plugin *self, const mg_core_callbacks *core, VideoRoomConfig config);
  ~VideoRoom() override;

  // Opens the database, registers paths and routes, subscribes to events.
  // 0 on success; logs and returns -1 otherwise.
  int start();

  // videoroom.cpp: sessions and messages
  mg_result create_session(mg_plugin_session *session, const mg_session_info *info);
  void destroy_session(mg_plugin_session *session);
  json_t *query_session(mg_plugin_session *session);
  mg_result handle_message(mg_plugin_session *session, const json_t *message);

  // videoroom_events.cpp: bus and media hooks
  void handle_event(const char *topic, const json_t *event);
  void media_event(mg_plugin_session *session, mg_pc_id pc, const json_t *event);
  void hangup_media(mg_plugin_session *session, mg_pc_id pc);
  json_t *handle_admin_message(const json_t *message);

  // videoroom_http.cpp: REST and static files
  void handle_http(const mg_http_request *request, mg_http_responder *responder);

  // SfuHost
  bool send_to(uint64_t core_id, MessageType type, json_t *payload) override;
  void send_error_to(uint64_t core_id, const ProtocolError &error, const json_t *id) override;
  void broadcast(const std::string &meeting_id, MessageType type, json_t *payload,
                 uint64_t except_core_id) override;
  mg_pc_id create_pc(uint64_t core_id, json_t **error) override;
  const mg_core_callbacks &core() const override { return *core_; }
  mg_plugin *self() const override { return self_; }

 private:
  json_t *health_json();
  using ConnectionPtr = std::shared_ptr<Connection>;

  // videoroom.cpp
  std::optional<ConnectRefusal> authorize(const ConnectRequest &request, Connection &connection);
  ConnectionPtr connection_of(uint64_t core_id) const;  // needs mutex_
  OutgoingHeader server_header(const Connection &to) const;
  void push_locked(const Connection &to, json_t *message);
  json_t *error_frame(const Connection &to, const ProtocolError &error, const json_t *id) const;
  mg_result route_message(const ConnectionPtr &connection, IncomingMessage &message);
  mg_result route_media(const ConnectionPtr &connection, IncomingMessage &message);
  void update_gauges_locked();

  // videoroom_signaling.cpp
  json_t *room_info_locked(const Room &room, const Connection &viewer) const;
  json_t *ice_servers_json() const;
  void join_locked(const ConnectionPtr &connection);
  void leave_locked(const ConnectionPtr &connection, const char *reason);
  mg_result relay(const ConnectionPtr &connection, const IncomingMessage &message);
  mg_result broadcast_control(const ConnectionPtr &connection, const IncomingMessage &message);
  void post_chat(const ConnectionPtr &connection, const IncomingMessage &message);
  void deliver_chat(const ChatRecord &record, const JsonRef &client_id,
                    const std::string &sender_session);
  void close_matching(const std::string &meeting_id, int64_t user_id, const ProtocolError &notice,
                      const char *reason);

  // videoroom_http.cpp
  void serve_static(const mg_http_request &request, mg_http_responder *responder);
  void serve_stats(mg_http_responder *responder);
  void serve_room_stats(const mg_http_request &request, mg_http_responder *responder);
  void serve_messages(const mg_http_request &request, const std::string &meeting_id,
                      mg_http_responder *responder);
  std::optional<std::pair<int64_t, std::string>> authenticate(const mg_http_request &request,
                                                              mg_http_responder *responder);

  mg_plugin *self_;
  const mg_core_callbacks *core_;
  VideoRoomConfig config_;
  MessageLimits limits_;
  std::optional<StaticFiles> www_;
  std::unique_ptr<ChatStore> chat_;
  std::atomic<uint64_t> chat_messages_{0};
  std::atomic<uint64_t> signaling_messages_{0};

  mutable std::mutex mutex_;
  std::map<uint64_t, ConnectionPtr> connections_;
  std::map<std::string, Room> rooms_;

  // Last: destroyed first, so their jobs still find everything above.
  std::unique_ptr<WorkQueue> db_queue_;
  std::unique_ptr<Sfu> sfu_;
};

}  // namespace meetgate::videoroom
