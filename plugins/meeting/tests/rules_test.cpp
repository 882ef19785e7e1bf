// Permission rules: who manages, deletes, kicks, mutes and grants roles.
#include <cppunit/extensions/HelperMacros.h>

#include "meeting_rules.hpp"

using namespace meetgate::meeting;

namespace {
ActorFacts creator() {
  return {true, false, kRoleHost};
}
ActorFacts host() {
  return {false, false, kRoleHost};
}
ActorFacts cohost() {
  return {false, false, kRoleCoHost};
}
ActorFacts participant() {
  return {false, false, kRoleParticipant};
}
ActorFacts stranger() {
  return {false, false, ""};
}
ActorFacts admin() {
  return {false, true, ""};
}
TargetFacts target(const char *role, bool is_creator = false) {
  return {is_creator, role};
}
}  // namespace

class RulesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RulesTest);
  CPPUNIT_TEST(managers);
  CPPUNIT_TEST(deleters);
  CPPUNIT_TEST(actingOnOthers);
  CPPUNIT_TEST(nobodyActsOnTheCreator);
  CPPUNIT_TEST(grantingRoles);
  CPPUNIT_TEST(vocabulary);
  CPPUNIT_TEST_SUITE_END();

 public:
  void managers() {
    CPPUNIT_ASSERT(can_manage(creator()));
    CPPUNIT_ASSERT(can_manage(host()));
    CPPUNIT_ASSERT(can_manage(cohost()));
    CPPUNIT_ASSERT(!can_manage(participant()));
    CPPUNIT_ASSERT(!can_manage(stranger()));
    CPPUNIT_ASSERT(!can_manage(admin()));  // an admin deletes, but does not run meetings
  }

  void deleters() {
    CPPUNIT_ASSERT(can_delete(creator()));
    CPPUNIT_ASSERT(can_delete(admin()));
    CPPUNIT_ASSERT(!can_delete(host()));
    CPPUNIT_ASSERT(!can_delete(cohost()));
    CPPUNIT_ASSERT(!can_delete(participant()));
  }

  void actingOnOthers() {
    CPPUNIT_ASSERT(!refuse_acting_on(creator(), target(kRoleHost)));
    CPPUNIT_ASSERT(!refuse_acting_on(host(), target(kRoleHost)));  // hosts act on hosts
    CPPUNIT_ASSERT(!refuse_acting_on(host(), target(kRoleCoHost)));
    CPPUNIT_ASSERT(!refuse_acting_on(cohost(), target(kRoleParticipant)));
    CPPUNIT_ASSERT(refuse_acting_on(cohost(), target(kRoleCoHost)));
    CPPUNIT_ASSERT(refuse_acting_on(cohost(), target(kRoleHost)));
    CPPUNIT_ASSERT(refuse_acting_on(participant(), target(kRoleParticipant)));
    CPPUNIT_ASSERT(refuse_acting_on(admin(), target(kRoleParticipant)));
  }

  void nobodyActsOnTheCreator() {
    CPPUNIT_ASSERT(refuse_acting_on(host(), target(kRoleHost, true)));
    CPPUNIT_ASSERT(refuse_role_change(host(), target(kRoleHost, true), kRoleParticipant));
  }

  void grantingRoles() {
    CPPUNIT_ASSERT(!refuse_role_change(creator(), target(kRoleParticipant), kRoleHost));
    CPPUNIT_ASSERT(!refuse_role_change(host(), target(kRoleParticipant), kRoleHost));
    CPPUNIT_ASSERT(!refuse_role_change(cohost(), target(kRoleParticipant), kRoleCoHost));
    CPPUNIT_ASSERT(refuse_role_change(cohost(), target(kRoleParticipant), kRoleHost));
    CPPUNIT_ASSERT(!refuse_role_change(host(), target(kRoleCoHost), kRoleParticipant));
    CPPUNIT_ASSERT(refuse_role_change(participant(), target(kRoleParticipant), kRoleCoHost));
  }

  void vocabulary() {
    for (const char *status : {"scheduled", "ongoing", "ended"})
      CPPUNIT_ASSERT(is_meeting_status(status));
    CPPUNIT_ASSERT(!is_meeting_status("active"));
    CPPUNIT_ASSERT(!is_meeting_status(""));
    for (const char *role : {"host", "co-host", "participant"}) CPPUNIT_ASSERT(is_role(role));
    CPPUNIT_ASSERT(!is_role("cohost"));
    CPPUNIT_ASSERT(!is_role("admin"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RulesTest);
