// REST (stats, chat history) and the web client's static files.
#include <cstdlib>
#include <set>
#include <string_view>

#include "videoroom.hpp"

namespace meetgate::videoroom {

namespace {

constexpr std::string_view kApp = "/app";
constexpr std::string_view kRooms = "/api/v1/rooms/";

void respond_error(const mg_core_callbacks &core, mg_http_responder *responder, int status,
                   const char *message, const std::string &detail) {
  core.respond_json(responder, status, message, json_string(detail.c_str()));
}

json_t *chat_json(const ChatRecord &record) {
  return json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:I}", "message_id",
                   static_cast<json_int_t>(record.id), "meeting_id", record.meeting_id.c_str(),
                   "user_id", static_cast<json_int_t>(record.user_id), "username",
                   record.username.c_str(), "content", record.content.c_str(), "client_message_id",
                   record.client_message_id.c_str(), "created_at",
                   static_cast<json_int_t>(record.created_at_ms));
}

// A positive integer query parameter, `fallback` when absent; -1 if malformed.
long long query_number(const mg_http_request &request, const char *name, long long fallback) {
  auto value = query_value(request.query ? request.query : "", name);
  if (!value || value->empty()) return fallback;
  char *end = nullptr;
  const long long number = std::strtoll(value->c_str(), &end, 10);
  return end == value->c_str() + value->size() && number >= 0 ? number : -1;
}

}  // namespace

void VideoRoom::handle_http(const mg_http_request *request, mg_http_responder *responder) {
  const std::string_view path = request->path ? request->path : "";
  const std::string_view method = request->method ? request->method : "";
  if (path == kApp || path.starts_with("/app/")) {
    serve_static(*request, responder);
    return;
  }
  if (method != "GET") {
    respond_error(*core_, responder, 405, "method not allowed", "only GET is served here");
    return;
  }
  if (path == "/api/v1/stats") {
    serve_stats(responder);
  } else if (path == "/api/v1/rooms/stats") {
    serve_room_stats(*request, responder);
  } else if (path.starts_with(kRooms) && path.ends_with("/messages")) {
    const std::string_view middle = path.substr(
        kRooms.size(), path.size() - kRooms.size() - std::string_view("/messages").size());
    if (middle.empty() || middle.find('/') != std::string_view::npos) {
      respond_error(*core_, responder, 404, "not found", std::string(path));
      return;
    }
    serve_messages(*request, std::string(middle), responder);
  } else {
    respond_error(*core_, responder, 404, "not found", std::string(path));
  }
}

void VideoRoom::serve_static(const mg_http_request &request, mg_http_responder *responder) {
  const std::string_view method = request.method ? request.method : "";
  const std::string_view path = request.path ? request.path : "";
  if (method != "GET" && method != "HEAD") {
    respond_error(*core_, responder, 405, "method not allowed", "the web client is read-only");
    return;
  }
  if (path == kApp) {  // relative links in index.html need the trailing slash
    const mg_header location{"Location", "/app/"};
    mg_http_response response{};
    response.status = 301;
    response.content_type = "text/plain; charset=utf-8";
    response.headers = &location;
    response.header_count = 1;
    response.body = reinterpret_cast<const uint8_t *>("moved to /app/\n");
    response.body_len = 15;
    core_->respond_raw(responder, &response);
    return;
  }
  auto file = www_ ? www_->resolve(path.substr(kApp.size())) : std::nullopt;
  if (!file) {
    respond_error(*core_, responder, 404, "not found", std::string(path));
    return;
  }
  std::error_code error;
  const auto size = std::filesystem::file_size(*file, error);
  if (error) {
    respond_error(*core_, responder, 404, "not found", std::string(path));
    return;
  }
  const mg_header cache{"Cache-Control", "no-cache"};
  mg_http_response response{};
  response.status = 200;
  response.content_type = StaticFiles::content_type(*file);
  response.headers = &cache;
  response.header_count = 1;
  const std::string file_text = file->string();
  response.file_path = file_text.c_str();
  response.file_offset = 0;
  response.file_length = size;
  core_->respond_raw(responder, &response);
}

std::optional<std::pair<int64_t, std::string>> VideoRoom::authenticate(
    const mg_http_request &request, mg_http_responder *responder) {
  const std::string token = token_of(request);
  if (token.empty()) {
    respond_error(*core_, responder, 401, "unauthorized", "missing token");
    return std::nullopt;
  }
  JsonRef body = adopt(json_pack("{s:s}", "token", token.c_str()));
  json_t *response = nullptr;
  const int status = core_->call_service("auth.verify_token", body.get(), &response);
  JsonRef identity = adopt(response);
  if (status != 0) {
    respond_error(*core_, responder, status == 503 ? 503 : 401, "unauthorized",
                  text_of(identity.get(), "invalid token"));
    return std::nullopt;
  }
  return std::make_pair(json_integer_value(json_object_get(identity.get(), "user_id")),
                        text_of(json_object_get(identity.get(), "role"), "user"));
}

void VideoRoom::serve_stats(mg_http_responder *responder) {
  json_int_t rooms, participants, connections;
  {
    std::lock_guard lock(mutex_);
    rooms = static_cast<json_int_t>(rooms_.size());
    connections = static_cast<json_int_t>(connections_.size());
    participants = 0;
    for (const auto &[meeting_id, room] : rooms_)
      participants += static_cast<json_int_t>(room.size());
  }
  const json_int_t chat = static_cast<json_int_t>(chat_messages_.load());
  const json_int_t messages = static_cast<json_int_t>(signaling_messages_.load());
  sfu_->stats(
      [this, responder, rooms, participants, connections, chat, messages](json_t *media) {
        json_object_del(media, "rooms");  // per-room detail is /api/v1/rooms/stats
        json_t *data = json_pack("{s:I,s:I,s:I,s:I,s:I,s:o}", "rooms", rooms, "participants",
                                 participants, "connections", connections, "chat_messages", chat,
                                 "signaling_messages", messages, "media", media);
        core_->respond_json(responder, 200, "success", data);
      },
      true, {});
}

void VideoRoom::serve_room_stats(const mg_http_request &request, mg_http_responder *responder) {
  auto caller = authenticate(request, responder);
  if (!caller) return;
  const bool admin = caller->second == "admin";
  std::set<std::string> visible;
  JsonRef rooms = adopt(json_array());
  {
    std::lock_guard lock(mutex_);
    for (const auto &[meeting_id, room] : rooms_) {
      bool member = false;
      for (const auto &connection : room.members()) member |= connection->user_id == caller->first;
      if (!admin && !member) continue;
      visible.insert(meeting_id);
      json_array_append_new(rooms.get(),
                            json_pack("{s:s,s:I,s:I,s:o}", "meeting_id", meeting_id.c_str(),
                                      "participant_count", static_cast<json_int_t>(room.size()),
                                      "user_count", static_cast<json_int_t>(room.user_count()),
                                      "participants", room.participants_json(0)));
    }
  }
  auto shared_rooms = std::make_shared<JsonRef>(std::move(rooms));
  sfu_->stats(
      [this, responder, shared_rooms](json_t *media) {
        // Attach each room's media figures to its signaling entry.
        size_t index;
        json_t *room;
        json_array_foreach(shared_rooms->get(), index, room) {
          json_object_set_new(room, "media", json_null());
          size_t media_index;
          json_t *media_room;
          json_array_foreach(json_object_get(media, "rooms"), media_index, media_room) {
            if (json_equal(json_object_get(media_room, "meeting_id"),
                           json_object_get(room, "meeting_id"))) {
              json_object_set(room, "media", media_room);
            }
          }
        }
        json_t *data = json_pack("{s:O,s:I}", "rooms", shared_rooms->get(), "total",
                                 static_cast<json_int_t>(json_array_size(shared_rooms->get())));
        json_decref(media);
        core_->respond_json(responder, 200, "success", data);
      },
      admin, std::move(visible));
}

void VideoRoom::serve_messages(const mg_http_request &request, const std::string &meeting_id,
                               mg_http_responder *responder) {
  auto caller = authenticate(request, responder);
  if (!caller) return;
  JsonRef body = adopt(json_pack("{s:I,s:s}", "user_id", static_cast<json_int_t>(caller->first),
                                 "meeting_id", meeting_id.c_str()));
  json_t *response = nullptr;
  const int status = core_->call_service("meeting.authorize_join", body.get(), &response);
  JsonRef membership = adopt(response);
  if (status != 0) {
    respond_error(*core_, responder, status == 404 || status == 503 ? status : 403,
                  status == 404 ? "meeting not found" : "forbidden",
                  text_of(membership.get(), "not a participant of this meeting"));
    return;
  }
  const long long limit = query_number(request, "limit", 50);
  const long long before = query_number(request, "before_id", 0);
  if (limit <= 0 || static_cast<size_t>(limit) > config_.chat_history_limit || before < 0) {
    respond_error(*core_, responder, 400, "invalid query",
                  "limit must be 1.." + std::to_string(config_.chat_history_limit) +
                      " and before_id a message id");
    return;
  }
  const std::string canonical =
      text_of(json_object_get(membership.get(), "meeting_id"), meeting_id.c_str());
  db_queue_->post([this, responder, canonical, limit, before] {
    try {
      auto records = chat_->list(canonical, before, static_cast<size_t>(limit));
      json_t *list = json_array();
      for (const auto &record : records) json_array_append_new(list, chat_json(record));
      core_->respond_json(responder, 200, "success",
                          json_pack("{s:s,s:o,s:I}", "meeting_id", canonical.c_str(), "list", list,
                                    "count", static_cast<json_int_t>(records.size())));
    } catch (const std::exception &error) {
      core_->log(self_, MG_LOG_ERROR, "chat history: %s", error.what());
      respond_error(*core_, responder, 503, "database unavailable", "try again later");
    }
  });
}

}  // namespace meetgate::videoroom
