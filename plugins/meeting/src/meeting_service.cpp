#include "meeting_service.hpp"

#include <sodium.h>

#include "api_error.hpp"
#include "list_query.hpp"
#include "meeting_input.hpp"
#include "meeting_password.hpp"

namespace meetgate::meeting {
namespace {

void apply_input(const MeetingInput &input, MeetingRecord &meeting) {
  if (input.title) meeting.title = *input.title;
  if (input.description.present) meeting.description = input.description.value;
  if (input.start_time.present) meeting.start_time = input.start_time.value;
  if (input.end_time.present) meeting.end_time = input.end_time.value;
  if (input.max_participants) meeting.max_participants = *input.max_participants;
  if (input.meeting_type) meeting.meeting_type = *input.meeting_type;
  if (input.password.present) {
    const auto &password = input.password.value;
    meeting.password_hash = password && !password->empty()
                                ? std::optional(MeetingPassword::hash(*password))
                                : std::nullopt;
  }
  meeting.settings = input.settings_over(meeting.settings);
}

}  // namespace

std::string MeetingService::new_meeting_id() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("mtg-") + hex;  // never all digits: cannot be read as a numeric id
}

json_t *MeetingService::detail_json(const MeetingRecord &meeting, const Caller &caller) {
  json_t *out = meeting.to_json();
  json_object_set_new(out, "participant_count",
                      json_integer(participants_.joined_count(meeting.id)));
  json_object_set_new(out, "online_count", json_integer(presence_.online(meeting.meeting_id)));
  ActorFacts me = access_.actor(meeting, caller);
  json_object_set_new(out, "my_role", me.role.empty() ? json_null() : json_string(me.role.c_str()));
  return out;
}

Reply MeetingService::create(const Caller &caller, const json_t *body) {
  MeetingInput input = MeetingInput::parse(body, true, config_.max_participants_limit);
  MeetingRecord draft;
  draft.creator_id = caller.user_id;
  draft.max_participants = config_.default_max_participants;
  draft.meeting_type = "video";
  apply_input(input, draft);
  for (int attempt = 0;; ++attempt) {
    draft.meeting_id = new_meeting_id();
    draft.room_id = draft.meeting_id;
    try {
      MeetingRecord stored = meetings_.insert(draft);
      return ok(detail_json(stored, caller), 201, "meeting created");
    } catch (const storage::Error &error) {
      // 64 random bits colliding twice means something else is wrong.
      if (!error.constraint_violation() || attempt >= 2) throw;
    }
  }
}

Reply MeetingService::list(const Caller &caller, const pluginkit::QueryString &query,
                           bool only_mine) {
  ListQuery list_query = ListQuery::parse(query);
  if (only_mine) list_query.mine = true;
  auto [page, total] = meetings_.list(list_query, caller.user_id);
  json_t *items = json_array();
  for (const auto &meeting : page) {
    json_t *item = meeting.to_json();
    json_object_set_new(item, "participant_count",
                        json_integer(participants_.joined_count(meeting.id)));
    json_array_append_new(items, item);
  }
  return ok(list_query.envelope(items, total));
}

Reply MeetingService::get(const Caller &caller, const std::string &reference) {
  return ok(detail_json(access_.load(reference), caller));
}

Reply MeetingService::update(const Caller &caller, const std::string &reference,
                             const json_t *body) {
  MeetingRecord meeting = access_.load(reference);
  access_.require_manager(meeting, caller);
  MeetingAccess::require_not_ended(meeting);
  MeetingInput input = MeetingInput::parse(body, false, config_.max_participants_limit);
  apply_input(input, meeting);
  MeetingInput::check_time_order(meeting.start_time, meeting.end_time);
  int64_t joined = participants_.joined_count(meeting.id);
  if (input.max_participants && *input.max_participants < joined)
    throw ApiError::invalid("max_participants", "below the " + std::to_string(joined) +
                                                    " participants already in the meeting");
  return ok(detail_json(meetings_.update(meeting), caller), 200, "meeting updated");
}

Reply MeetingService::remove(const Caller &caller, const std::string &reference) {
  MeetingRecord meeting = access_.load(reference);
  if (!can_delete(access_.actor(meeting, caller)))
    throw ApiError(403, "forbidden", "only the creator or an admin deletes a meeting");
  if (!meetings_.remove(meeting.id)) throw ApiError(404, "meeting not found");
  // Rooms, recordings and analysis of a live meeting must stop with it.
  if (meeting.status != "ended") events_.ended(meeting);
  presence_.removed(meeting.meeting_id);
  return ok(json_pack("{s:s,s:I}", "meeting_id", meeting.meeting_id.c_str(), "id",
                      static_cast<json_int_t>(meeting.id)),
            200, "meeting deleted");
}

Reply MeetingService::start(const Caller &caller, const std::string &reference) {
  MeetingRecord meeting = access_.load(reference);
  access_.require_manager(meeting, caller);
  auto started = meetings_.transition(meeting.id, "scheduled", "ongoing");
  if (!started) {
    auto now = meetings_.find_by_id(meeting.id);
    if (!now) throw ApiError(404, "meeting not found");
    MeetingAccess::require_not_ended(*now);
    throw ApiError(409, "meeting already started", "status: " + now->status);
  }
  presence_.started(started->meeting_id);
  events_.started(*started);
  return ok(detail_json(*started, caller), 200, "meeting started");
}

Reply MeetingService::end(const Caller &caller, const std::string &reference) {
  MeetingRecord meeting = access_.load(reference);
  access_.require_manager(meeting, caller);
  auto ended = meetings_.transition(meeting.id, "ongoing", "ended");
  if (!ended) ended = meetings_.transition(meeting.id, "scheduled", "ended");
  if (!ended) throw ApiError(409, "meeting has ended", "status: ended");
  presence_.ended(ended->meeting_id);
  events_.ended(*ended);
  return ok(detail_json(*ended, caller), 200, "meeting ended");
}

}  // namespace meetgate::meeting
