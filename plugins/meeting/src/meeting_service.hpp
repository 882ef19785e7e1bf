// The meeting endpoints: create, list, get, update, delete, start, end.
// Every method throws ApiError for a refusal and returns the answer.
#pragma once

#include <meetgate/pluginkit/query_string.hpp>

#include "caller.hpp"
#include "meeting_access.hpp"
#include "meeting_config.hpp"
#include "meeting_events.hpp"
#include "presence.hpp"
#include "reply.hpp"

namespace meetgate::meeting {

class MeetingService {
 public:
  MeetingService(const MeetingConfig &config, MeetingStore &meetings,
                 ParticipantStore &participants, Presence &presence, const MeetingEvents &events)
      : config_(config),
        meetings_(meetings),
        participants_(participants),
        access_(meetings, participants),
        presence_(presence),
        events_(events) {}

  Reply create(const Caller &caller, const json_t *body);
  Reply list(const Caller &caller, const pluginkit::QueryString &query, bool only_mine);
  Reply get(const Caller &caller, const std::string &reference);
  Reply update(const Caller &caller, const std::string &reference, const json_t *body);
  Reply remove(const Caller &caller, const std::string &reference);
  Reply start(const Caller &caller, const std::string &reference);
  Reply end(const Caller &caller, const std::string &reference);

 private:
  json_t *detail_json(const MeetingRecord &meeting, const Caller &caller);
  static std::string new_meeting_id();

  const MeetingConfig &config_;
  MeetingStore &meetings_;
  ParticipantStore &participants_;
  MeetingAccess access_;
  Presence &presence_;
  const MeetingEvents &events_;
};

}  // namespace meetgate::meeting
