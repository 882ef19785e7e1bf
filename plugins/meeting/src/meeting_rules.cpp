#include "meeting_rules.hpp"

namespace meetgate::meeting {
namespace {
constexpr int kCreatorRank = 3;
constexpr int kHostRank = 2;
constexpr int kCoHostRank = 1;

int role_rank(const std::string &role) {
  if (role == kRoleHost) return kHostRank;
  if (role == kRoleCoHost) return kCoHostRank;
  return 0;
}
}  // namespace

bool is_meeting_status(const std::string &status) {
  return status == "scheduled" || status == "ongoing" || status == "ended";
}

bool is_role(const std::string &role) {
  return role == kRoleHost || role == kRoleCoHost || role == kRoleParticipant;
}

int rank_of(const ActorFacts &actor) {
  return actor.is_creator ? kCreatorRank : role_rank(actor.role);
}
int rank_of(const TargetFacts &target) {
  return target.is_creator ? kCreatorRank : role_rank(target.role);
}

bool can_manage(const ActorFacts &actor) {
  return rank_of(actor) >= kCoHostRank;
}
bool can_delete(const ActorFacts &actor) {
  return actor.is_creator || actor.is_admin;
}

std::optional<std::string> refuse_acting_on(const ActorFacts &actor, const TargetFacts &target) {
  if (!can_manage(actor)) return "only the creator, a host or a co-host manages this meeting";
  if (target.is_creator) return "the meeting's creator cannot be acted upon";
  int mine = rank_of(actor);
  int theirs = rank_of(target);
  if (mine > theirs || (mine >= kHostRank && theirs == kHostRank)) return std::nullopt;
  return "a " + actor.role + " cannot act on a " + target.role;
}

std::optional<std::string> refuse_role_change(const ActorFacts &actor, const TargetFacts &target,
                                              const std::string &new_role) {
  if (auto refusal = refuse_acting_on(actor, target)) return refusal;
  if (role_rank(new_role) > rank_of(actor))
    return "a " + actor.role + " cannot grant the role " + new_role;
  return std::nullopt;
}

}  // namespace meetgate::meeting
