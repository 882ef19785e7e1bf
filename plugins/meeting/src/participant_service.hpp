// The participant endpoints (join, leave, list, kick, mute, role) and the
// "meeting.authorize_join" service other plugins call.
#pragma once

#include <meetgate/plugin.h>

#include <meetgate/pluginkit/query_string.hpp>

#include "caller.hpp"
#include "meeting_access.hpp"
#include "meeting_config.hpp"
#include "meeting_events.hpp"
#include "presence.hpp"
#include "reply.hpp"

namespace meetgate::meeting {

class ParticipantService {
 public:
  ParticipantService(const mg_core_callbacks *core, const MeetingConfig &config,
                     MeetingStore &meetings, ParticipantStore &participants, Presence &presence,
                     const MeetingEvents &events)
      : core_(core),
        config_(config),
        participants_(participants),
        access_(meetings, participants),
        presence_(presence),
        events_(events) {}

  Reply join(const Caller &caller, const std::string &reference, const json_t *body);
  Reply leave(const Caller &caller, const std::string &reference);
  Reply list(const Caller &caller, const std::string &reference,
             const pluginkit::QueryString &query);
  Reply kick(const Caller &caller, const std::string &reference, const std::string &user);
  Reply mute(const Caller &caller, const std::string &reference, const std::string &user,
             bool muted, const json_t *body);
  Reply set_role(const Caller &caller, const std::string &reference, const std::string &user,
                 const json_t *body);

  // meeting.authorize_join {"user_id", "meeting_id"}: 0 + the room facts for
  // a current participant of a meeting that has not ended; else 403/404/400.
  int authorize_join(const json_t *request, json_t **response);

 private:
  // The joined participant `user` (path segment) of `meeting`; 400/404.
  ParticipantRecord target(const MeetingRecord &meeting, const std::string &user);
  json_t *with_profile(const ParticipantRecord &participant) const;
  std::string signaling_url(const MeetingRecord &meeting, int64_t user_id) const;
  void check_password(const MeetingRecord &meeting, const Caller &caller, const json_t *body) const;

  const mg_core_callbacks *core_;
  const MeetingConfig &config_;
  ParticipantStore &participants_;
  MeetingAccess access_;
  Presence &presence_;
  const MeetingEvents &events_;
};

}  // namespace meetgate::meeting
