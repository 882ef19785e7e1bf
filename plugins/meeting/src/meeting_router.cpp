#include "meeting_router.hpp"

#include <exception>

#include "api_error.hpp"

namespace meetgate::meeting {
namespace {

// "/api/v1/meetings/5/join/" -> {"meetings", "5", "join"}
std::vector<std::string> segments_of(const std::string &path) {
  constexpr std::string_view prefix = "/api/v1/";
  std::vector<std::string> out;
  if (path.compare(0, prefix.size(), prefix) != 0) return out;
  size_t start = prefix.size();
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The JSON object body; an empty body is {} (join/leave need none).
JsonRef object_body(const pluginkit::HttpExchange &call) {
  if (call.body().empty()) return adopt(json_object());
  json_error_t error;
  JsonRef body = adopt(json_loadb(call.body().data(), call.body().size(), 0, &error));
  if (!body)
    throw ApiError(400, "invalid JSON", "line " + std::to_string(error.line) + ": " + error.text);
  if (!json_is_object(body.get()))
    throw ApiError(400, "invalid request", "body must be a JSON object");
  return body;
}

[[noreturn]] void method_not_allowed(const char *allowed) {
  throw ApiError(405, "method not allowed", std::string("use ") + allowed);
}

}  // namespace

void MeetingRouter::serve(pluginkit::HttpExchange &call) {
  try {
    Reply reply = dispatch(call, segments_of(call.path()));
    call.reply(reply.status, reply.message, reply.data.release());
  } catch (const ApiError &error) {
    call.reply(error.status(), error.what(),
               json_string(error.detail().empty() ? error.what() : error.detail().c_str()));
  } catch (const storage::Error &error) {
    bool conflict = error.constraint_violation();
    call.reply(
        conflict ? 409 : 503, conflict ? "conflict" : "meeting storage unavailable",
        json_string(conflict ? "the change conflicts with existing data" : "database error"));
    throw;  // logged by the caller
  }
}

Reply MeetingRouter::dispatch(pluginkit::HttpExchange &call, const std::vector<std::string> &s) {
  const std::string &method = call.method();
  bool mine = s.size() == 2 && s[0] == "my" && s[1] == "meetings";
  if (!mine && (s.empty() || s[0] != "meetings")) throw ApiError(404, "not found", call.path());
  if (mine || s.size() == 1) {
    if (method == "GET") {
      return meetings_.list(authenticator_.authenticate(call), call.query(), mine);
    }
    if (method == "POST" && !mine) {
      Caller caller = authenticator_.authenticate(call);
      return meetings_.create(caller, object_body(call).get());
    }
    method_not_allowed(mine ? "GET" : "GET or POST");
  }
  if (s.size() > 6) throw ApiError(404, "not found", call.path());
  Caller caller = authenticator_.authenticate(call);
  if (s.size() >= 3 && s[2] == "participants") return participant_routes(call, caller, s);
  return meeting_routes(call, caller, s);
}

Reply MeetingRouter::meeting_routes(pluginkit::HttpExchange &call, const Caller &caller,
                                    const std::vector<std::string> &s) {
  const std::string &method = call.method();
  const std::string &id = s[1];
  if (s.size() == 2) {
    if (method == "GET") return meetings_.get(caller, id);
    if (method == "PUT" || method == "PATCH")
      return meetings_.update(caller, id, object_body(call).get());
    if (method == "DELETE") return meetings_.remove(caller, id);
    method_not_allowed("GET, PUT or DELETE");
  }
  if (s.size() != 3) throw ApiError(404, "not found", call.path());
  const std::string &action = s[2];
  if (action != "join" && action != "leave" && action != "start" && action != "end")
    throw ApiError(404, "not found", call.path());
  if (method != "POST") method_not_allowed("POST");
  if (action == "join") return participants_.join(caller, id, object_body(call).get());
  if (action == "leave") return participants_.leave(caller, id);
  if (action == "start") return meetings_.start(caller, id);
  return meetings_.end(caller, id);
}

Reply MeetingRouter::participant_routes(pluginkit::HttpExchange &call, const Caller &caller,
                                        const std::vector<std::string> &s) {
  const std::string &method = call.method();
  const std::string &id = s[1];
  if (s.size() == 3) {
    if (method != "GET") method_not_allowed("GET");
    return participants_.list(caller, id, call.query());
  }
  if (s.size() != 5) throw ApiError(404, "not found", call.path());
  const std::string &user = s[3];
  const std::string &action = s[4];
  if (action == "role") {
    if (method != "PUT" && method != "POST") method_not_allowed("PUT");
    return participants_.set_role(caller, id, user, object_body(call).get());
  }
  if (action != "kick" && action != "mute" && action != "unmute")
    throw ApiError(404, "not found", call.path());
  if (method != "POST") method_not_allowed("POST");
  if (action == "kick") return participants_.kick(caller, id, user);
  return participants_.mute(caller, id, user, action == "mute", object_body(call).get());
}

}  // namespace meetgate::meeting
