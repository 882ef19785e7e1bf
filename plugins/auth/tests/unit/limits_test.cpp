// Rate limits and the failed-login lockout on the in-process KeyValue store.
#include <cppunit/extensions/HelperMacros.h>

#include "login_lockout.hpp"
#include "rate_limiter.hpp"
#include "storage_fixture.hpp"

using meetgate::auth::LoginLockout;
using meetgate::auth::RateLimiter;

class LimitsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(LimitsTest);
  CPPUNIT_TEST(rateLimitRefusesOverMax);
  CPPUNIT_TEST(rateLimitsAreIndependent);
  CPPUNIT_TEST(zeroDisables);
  CPPUNIT_TEST(lockoutAfterThreshold);
  CPPUNIT_TEST(successResetsFailures);
  CPPUNIT_TEST_SUITE_END();

 public:
  void rateLimitRefusesOverMax() {
    meetgate::auth::test::StorageFixture fixture;
    RateLimiter limiter(*fixture.kv);
    for (int i = 0; i < 3; ++i) CPPUNIT_ASSERT(limiter.hit("ip:1.2.3.4", "login", 3, 60).allowed);
    RateLimiter::Decision refused = limiter.hit("ip:1.2.3.4", "login", 3, 60);
    CPPUNIT_ASSERT(!refused.allowed);
    CPPUNIT_ASSERT(refused.retry_after >= 1 && refused.retry_after <= 60);
    CPPUNIT_ASSERT(fixture.kv->exists("ratelimit:ip:1.2.3.4:login"));
  }
  void rateLimitsAreIndependent() {
    meetgate::auth::test::StorageFixture fixture;
    RateLimiter limiter(*fixture.kv);
    CPPUNIT_ASSERT(limiter.hit("ip:a", "login", 1, 60).allowed);
    CPPUNIT_ASSERT(!limiter.hit("ip:a", "login", 1, 60).allowed);
    CPPUNIT_ASSERT(limiter.hit("ip:b", "login", 1, 60).allowed);
    CPPUNIT_ASSERT(limiter.hit("ip:a", "register", 1, 60).allowed);
  }
  void zeroDisables() {
    meetgate::auth::test::StorageFixture fixture;
    RateLimiter limiter(*fixture.kv);
    for (int i = 0; i < 50; ++i) CPPUNIT_ASSERT(limiter.hit("ip:a", "login", 0, 60).allowed);
    LoginLockout off(*fixture.kv, 0, 60, 60);
    for (int i = 0; i < 50; ++i) CPPUNIT_ASSERT_EQUAL(int64_t(0), off.record_failure("bob"));
    CPPUNIT_ASSERT_EQUAL(int64_t(0), off.locked_for("bob"));
  }
  void lockoutAfterThreshold() {
    meetgate::auth::test::StorageFixture fixture;
    LoginLockout lockout(*fixture.kv, 3, 600, 120);
    CPPUNIT_ASSERT_EQUAL(int64_t(0), lockout.record_failure("Bob"));
    CPPUNIT_ASSERT_EQUAL(int64_t(0), lockout.record_failure("bob"));
    CPPUNIT_ASSERT_EQUAL(int64_t(0), lockout.locked_for("bob"));
    CPPUNIT_ASSERT_EQUAL(int64_t(120), lockout.record_failure("BOB"));
    const int64_t left = lockout.locked_for("bob");
    CPPUNIT_ASSERT(left > 100 && left <= 120);
    CPPUNIT_ASSERT_EQUAL(int64_t(0), lockout.locked_for("alice"));
  }
  void successResetsFailures() {
    meetgate::auth::test::StorageFixture fixture;
    LoginLockout lockout(*fixture.kv, 3, 600, 120);
    lockout.record_failure("bob");
    lockout.record_failure("bob");
    lockout.reset("bob");
    CPPUNIT_ASSERT_EQUAL(int64_t(0), lockout.record_failure("bob"));
    CPPUNIT_ASSERT_EQUAL(int64_t(0), lockout.record_failure("bob"));
    CPPUNIT_ASSERT_EQUAL(int64_t(0), lockout.locked_for("bob"));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(LimitsTest);
