// Loading a meeting by its path reference and working out what the caller
// is in it; shared by MeetingService and ParticipantService.
#pragma once

#include "caller.hpp"
#include "meeting_rules.hpp"
#include "meeting_store.hpp"
#include "participant_store.hpp"

namespace meetgate::meeting {

class MeetingAccess {
 public:
  MeetingAccess(MeetingStore &meetings, ParticipantStore &participants)
      : meetings_(meetings), participants_(participants) {}

  // By numeric id or meeting_id string; ApiError 404 when unknown.
  MeetingRecord load(const std::string &reference) const;
  // The caller's standing: creator?, admin?, participant role (a kicked
  // participant has none).
  ActorFacts actor(const MeetingRecord &meeting, const Caller &caller) const;
  // ApiError 403 unless the caller manages the meeting.
  ActorFacts require_manager(const MeetingRecord &meeting, const Caller &caller) const;
  // ApiError 409 when the meeting has ended.
  static void require_not_ended(const MeetingRecord &meeting);

 private:
  MeetingStore &meetings_;
  ParticipantStore &participants_;
};

}  // namespace meetgate::meeting
