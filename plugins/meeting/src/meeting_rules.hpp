// Who may do what in a meeting. Pure functions over facts the service
// gathered (no database, no ABI), so they are unit tested directly.
//
// Rank: the creator outranks everyone (and is always a host), then host,
// co-host, participant. Managing a meeting (update, start, end, kick, mute
// others, change roles) takes the creator, a host or a co-host; deleting it
// takes the creator or an admin. Acting on another participant needs a
// higher rank than theirs, except that hosts may act on other hosts; nobody
// acts on the creator. A role can only be granted up to one's own rank.
#pragma once

#include <optional>
#include <string>

namespace meetgate::meeting {

inline constexpr const char *kRoleHost = "host";
inline constexpr const char *kRoleCoHost = "co-host";
inline constexpr const char *kRoleParticipant = "participant";

bool is_meeting_status(const std::string &status);  // scheduled | ongoing | ended
bool is_role(const std::string &role);              // host | co-host | participant

// What we know about the caller in one meeting.
struct ActorFacts {
  bool is_creator = false;
  bool is_admin = false;  // the account's role (auth), not a meeting role
  std::string role;       // the caller's participant role, "" if never joined
};

// What we know about the participant being acted upon.
struct TargetFacts {
  bool is_creator = false;
  std::string role;
};

int rank_of(const ActorFacts &actor);
int rank_of(const TargetFacts &target);

bool can_manage(const ActorFacts &actor);
bool can_delete(const ActorFacts &actor);

// nullopt when allowed; otherwise the reason (answered 403).
std::optional<std::string> refuse_acting_on(const ActorFacts &actor, const TargetFacts &target);
std::optional<std::string> refuse_role_change(const ActorFacts &actor, const TargetFacts &target,
                                              const std::string &new_role);

}  // namespace meetgate::meeting
