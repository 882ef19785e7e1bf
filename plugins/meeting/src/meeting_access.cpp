#include "meeting_access.hpp"

#include "api_error.hpp"

namespace meetgate::meeting {

MeetingRecord MeetingAccess::load(const std::string &reference) const {
  auto meeting = meetings_.find(reference);
  if (!meeting) throw ApiError(404, "meeting not found", "no meeting " + reference);
  return *meeting;
}

ActorFacts MeetingAccess::actor(const MeetingRecord &meeting, const Caller &caller) const {
  ActorFacts facts;
  facts.is_creator = meeting.creator_id == caller.user_id;
  facts.is_admin = caller.is_admin();
  if (auto row = participants_.find(meeting.id, caller.user_id); row && row->status != "kicked")
    facts.role = row->role;
  if (facts.is_creator) facts.role = kRoleHost;
  return facts;
}

ActorFacts MeetingAccess::require_manager(const MeetingRecord &meeting,
                                          const Caller &caller) const {
  ActorFacts facts = actor(meeting, caller);
  if (!can_manage(facts))
    throw ApiError(403, "forbidden", "only the creator, a host or a co-host manages this meeting");
  return facts;
}

void MeetingAccess::require_not_ended(const MeetingRecord &meeting) {
  if (meeting.status == "ended") throw ApiError(409, "meeting has ended", "status: ended");
}

}  // namespace meetgate::meeting
