#include "participant_service.hpp"

#include <charconv>

#include "api_error.hpp"
#include "meeting_password.hpp"

namespace meetgate::meeting {
namespace {

int64_t parse_user_id(const std::string &text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
    throw ApiError::invalid("user_id", "must be a positive integer");
  return value;
}

std::string mute_kind(const json_t *body) {
  const json_t *kind = json_object_get(body, "kind");
  if (!kind) kind = json_object_get(body, "type");  // the older clients' name
  if (!kind) return "audio";
  std::string text = text_of(kind, "");
  if (text != "audio" && text != "video") throw ApiError::invalid("kind", "must be audio or video");
  return text;
}

}  // namespace

ParticipantRecord ParticipantService::target(const MeetingRecord &meeting,
                                             const std::string &user) {
  auto row = participants_.find(meeting.id, parse_user_id(user));
  if (!row || row->status != "joined")
    throw ApiError(404, "participant not found", "user " + user + " is not in this meeting");
  return *row;
}

json_t *ParticipantService::with_profile(const ParticipantRecord &participant) const {
  json_t *out = participant.to_json();
  JsonRef request =
      adopt(json_pack("{s:I}", "user_id", static_cast<json_int_t>(participant.user_id)));
  json_t *raw = nullptr;
  // Best effort: a deleted account or a missing auth plugin leaves the names out.
  if (core_->call_service("auth.get_user", request.get(), &raw) == 0) {
    JsonRef profile = adopt(raw);
    for (const char *key : {"username", "nickname", "avatar_url"}) {
      if (json_t *value = json_object_get(profile.get(), key)) json_object_set(out, key, value);
    }
  } else {
    json_decref(raw);
  }
  return out;
}

std::string ParticipantService::signaling_url(const MeetingRecord &meeting, int64_t user_id) const {
  const char *base = core_->setting("ws_url");
  return std::string(base ? base : "") + config_.signaling_path +
         "?meeting_id=" + meeting.meeting_id + "&user_id=" + std::to_string(user_id);
}

void ParticipantService::check_password(const MeetingRecord &meeting, const Caller &caller,
                                        const json_t *body) const {
  if (!meeting.password_hash || meeting.creator_id == caller.user_id) return;
  const json_t *given = json_object_get(body, "password");
  if (!given || !json_is_string(given) || json_string_length(given) == 0)
    throw ApiError(403, "meeting password required", "password: required for this meeting");
  if (!MeetingPassword::verify(*meeting.password_hash, json_string_value(given)))
    throw ApiError(403, "wrong meeting password", "password: does not match");
}

Reply ParticipantService::join(const Caller &caller, const std::string &reference,
                               const json_t *body) {
  MeetingRecord meeting = access_.load(reference);
  MeetingAccess::require_not_ended(meeting);
  // Hashing is slow on purpose: check it before taking the seat lock.
  check_password(meeting, caller, body);
  std::string role = meeting.creator_id == caller.user_id ? kRoleHost : kRoleParticipant;
  JoinOutcome outcome =
      participants_.join(meeting.id, caller.user_id, role, meeting.settings.mute_on_join);
  if (!outcome.already_joined) {
    presence_.joined(meeting.meeting_id, caller.user_id);
    events_.joined(meeting, caller.user_id, outcome.participant.role);
  }
  json_t *data = json_object();
  json_object_set_new(data, "meeting_id", json_string(meeting.meeting_id.c_str()));
  json_object_set_new(data, "id", json_integer(meeting.id));
  json_object_set_new(data, "room_id", json_string(meeting.room_id.c_str()));
  json_object_set_new(data, "role", json_string(outcome.participant.role.c_str()));
  json_object_set_new(data, "ws_url", json_string(signaling_url(meeting, caller.user_id).c_str()));
  if (!config_.ice_servers.empty()) {
    json_t *servers = json_array();
    for (const auto &url : config_.ice_servers)
      json_array_append_new(servers, json_pack("{s:s}", "urls", url.c_str()));
    json_object_set_new(data, "ice_servers", servers);
  }
  json_object_set_new(data, "participant", outcome.participant.to_json());
  json_object_set_new(data, "meeting", meeting.to_json());
  return ok(data, 200, outcome.already_joined ? "already joined" : "joined");
}

Reply ParticipantService::leave(const Caller &caller, const std::string &reference) {
  MeetingRecord meeting = access_.load(reference);
  if (!participants_.leave(meeting.id, caller.user_id, "left"))
    throw ApiError(409, "not in this meeting", "you have not joined this meeting");
  presence_.left(meeting.meeting_id, caller.user_id);
  events_.left(meeting, caller.user_id);
  return ok(json_pack("{s:s,s:I,s:I}", "meeting_id", meeting.meeting_id.c_str(), "id",
                      static_cast<json_int_t>(meeting.id), "user_id",
                      static_cast<json_int_t>(caller.user_id)),
            200, "left");
}

Reply ParticipantService::list(const Caller &, const std::string &reference,
                               const pluginkit::QueryString &query) {
  MeetingRecord meeting = access_.load(reference);
  std::string all = query.get("all").value_or("");
  bool everyone = all == "1" || all == "true";
  json_t *items = json_array();
  for (const auto &participant : participants_.list(meeting.id, everyone))
    json_array_append_new(items, with_profile(participant));
  size_t total = json_array_size(items);
  return ok(json_pack("{s:o,s:I,s:s}", "list", items, "total", static_cast<json_int_t>(total),
                      "meeting_id", meeting.meeting_id.c_str()));
}

Reply ParticipantService::kick(const Caller &caller, const std::string &reference,
                               const std::string &user) {
  MeetingRecord meeting = access_.load(reference);
  ActorFacts actor = access_.require_manager(meeting, caller);
  ParticipantRecord victim = target(meeting, user);
  if (victim.user_id == caller.user_id)
    throw ApiError(403, "forbidden", "you cannot kick yourself; leave instead");
  TargetFacts facts{victim.user_id == meeting.creator_id, victim.role};
  if (auto refusal = refuse_acting_on(actor, facts)) throw ApiError(403, "forbidden", *refusal);
  if (!participants_.leave(meeting.id, victim.user_id, "kicked"))
    throw ApiError(404, "participant not found", "user " + user + " already left");
  presence_.left(meeting.meeting_id, victim.user_id);
  events_.kicked(meeting, victim.user_id, caller.user_id);
  return ok(json_pack("{s:s,s:I,s:I}", "meeting_id", meeting.meeting_id.c_str(), "user_id",
                      static_cast<json_int_t>(victim.user_id), "by",
                      static_cast<json_int_t>(caller.user_id)),
            200, "participant kicked");
}

Reply ParticipantService::mute(const Caller &caller, const std::string &reference,
                               const std::string &user, bool muted, const json_t *body) {
  MeetingRecord meeting = access_.load(reference);
  MeetingAccess::require_not_ended(meeting);
  std::string kind = mute_kind(body);
  ParticipantRecord subject = target(meeting, user);
  if (subject.user_id != caller.user_id) {  // anyone mutes or unmutes themselves
    ActorFacts actor = access_.actor(meeting, caller);
    TargetFacts facts{subject.user_id == meeting.creator_id, subject.role};
    if (auto refusal = refuse_acting_on(actor, facts)) throw ApiError(403, "forbidden", *refusal);
  }
  participants_.set_muted(subject.id, kind, muted);
  events_.muted(meeting, subject.user_id, kind, muted, caller.user_id);
  auto updated = participants_.find(meeting.id, subject.user_id);
  return ok(updated ? updated->to_json() : subject.to_json(), 200,
            muted ? "participant muted" : "participant unmuted");
}

Reply ParticipantService::set_role(const Caller &caller, const std::string &reference,
                                   const std::string &user, const json_t *body) {
  MeetingRecord meeting = access_.load(reference);
  MeetingAccess::require_not_ended(meeting);
  std::string role = text_of(json_object_get(body, "role"), "");
  if (!is_role(role)) throw ApiError::invalid("role", "must be host, co-host or participant");
  ActorFacts actor = access_.require_manager(meeting, caller);
  ParticipantRecord subject = target(meeting, user);
  TargetFacts facts{subject.user_id == meeting.creator_id, subject.role};
  if (auto refusal = refuse_role_change(actor, facts, role))
    throw ApiError(403, "forbidden", *refusal);
  participants_.set_role(subject.id, role);
  events_.role_changed(meeting, subject.user_id, role, caller.user_id);
  auto updated = participants_.find(meeting.id, subject.user_id);
  return ok(updated ? updated->to_json() : subject.to_json(), 200, "role changed");
}

}  // namespace meetgate::meeting
