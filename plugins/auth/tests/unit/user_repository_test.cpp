// The users table on SQLite: uniqueness, login lookup, soft deletion and
// paginated keyword search.
#include "user_repository.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "api_error.hpp"
#include "identity_rules.hpp"
#include "storage_fixture.hpp"

using meetgate::auth::ApiError;
using meetgate::auth::NewUser;
using meetgate::auth::UserPage;
using meetgate::auth::UserRepository;

namespace {

NewUser make_user(const std::string &name) {
  NewUser user;
  user.username = name;
  user.email = meetgate::auth::IdentityRules::normalize_email(name + "@example.com");
  user.password_hash = "hash";
  user.nickname = "Nick " + name;
  return user;
}

int create_status(UserRepository &users, const NewUser &user) {
  try {
    users.create(user);
    return 0;
  } catch (const ApiError &error) {
    return error.status();
  }
}

}  // namespace

class UserRepositoryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(UserRepositoryTest);
  CPPUNIT_TEST(createAndFind);
  CPPUNIT_TEST(conflictsAre409);
  CPPUNIT_TEST(migrateTwiceIsHarmless);
  CPPUNIT_TEST(softDeleteFreesNames);
  CPPUNIT_TEST(tokenVersionBumps);
  CPPUNIT_TEST(paginationAndKeyword);
  CPPUNIT_TEST_SUITE_END();

 public:
  void createAndFind() {
    meetgate::auth::test::StorageFixture fixture;
    UserRepository users(*fixture.db);
    users.migrate();
    auto alice = users.create(make_user("Alice"));
    CPPUNIT_ASSERT(alice.id > 0);
    CPPUNIT_ASSERT_EQUAL(std::string("user"), alice.role);
    CPPUNIT_ASSERT_EQUAL(std::string("active"), alice.status);
    CPPUNIT_ASSERT_EQUAL(size_t(20), alice.created_at.size());  // 2026-11-25T18:49:12Z
    CPPUNIT_ASSERT_EQUAL(alice.id, users.find_by_login("alice")->id);
    CPPUNIT_ASSERT_EQUAL(alice.id, users.find_by_login("ALICE@example.com")->id);
    CPPUNIT_ASSERT(!users.find_by_login("nobody"));
    CPPUNIT_ASSERT(users.touch_login(alice.id));
    CPPUNIT_ASSERT(!users.find_by_id(alice.id)->last_login_at.empty());
  }
  void conflictsAre409() {
    meetgate::auth::test::StorageFixture fixture;
    UserRepository users(*fixture.db);
    users.migrate();
    users.create(make_user("bob"));
    NewUser same_name = make_user("BOB");
    same_name.email = "other@example.com";
    CPPUNIT_ASSERT_EQUAL(409, create_status(users, same_name));
    NewUser same_email = make_user("robert");
    same_email.email = "bob@example.com";
    CPPUNIT_ASSERT_EQUAL(409, create_status(users, same_email));
  }
  void migrateTwiceIsHarmless() {
    meetgate::auth::test::StorageFixture fixture;
    UserRepository users(*fixture.db);
    users.migrate();
    users.create(make_user("carol"));
    users.migrate();
    CPPUNIT_ASSERT(users.find_by_login("carol"));
  }
  void softDeleteFreesNames() {
    meetgate::auth::test::StorageFixture fixture;
    UserRepository users(*fixture.db);
    users.migrate();
    auto dave = users.create(make_user("dave"));
    CPPUNIT_ASSERT(users.soft_delete(dave.id));
    CPPUNIT_ASSERT(!users.soft_delete(dave.id));
    CPPUNIT_ASSERT(!users.find_by_id(dave.id));
    CPPUNIT_ASSERT(!users.find_by_login("dave"));
    CPPUNIT_ASSERT_EQUAL(0, create_status(users, make_user("dave")));
  }
  void tokenVersionBumps() {
    meetgate::auth::test::StorageFixture fixture;
    UserRepository users(*fixture.db);
    users.migrate();
    auto erin = users.create(make_user("erin"));
    CPPUNIT_ASSERT_EQUAL(int64_t(0), *users.token_version(erin.id));
    CPPUNIT_ASSERT_EQUAL(int64_t(1), *users.bump_token_version(erin.id));
    CPPUNIT_ASSERT(!users.bump_token_version(9999));
  }
  void paginationAndKeyword() {
    meetgate::auth::test::StorageFixture fixture;
    UserRepository users(*fixture.db);
    users.migrate();
    for (int i = 0; i < 23; ++i) users.create(make_user("user_" + std::to_string(i)));
    users.create(make_user("special"));
    UserPage first = users.list(1, 10, "");
    CPPUNIT_ASSERT_EQUAL(int64_t(24), first.total);
    CPPUNIT_ASSERT_EQUAL(size_t(10), first.users.size());
    CPPUNIT_ASSERT_EQUAL(std::string("special"), first.users.front().username);  // newest first
    CPPUNIT_ASSERT_EQUAL(size_t(4), users.list(3, 10, "").users.size());
    CPPUNIT_ASSERT_EQUAL(size_t(0), users.list(4, 10, "").users.size());
    CPPUNIT_ASSERT_EQUAL(int64_t(1), users.list(1, 10, "SPEC").total);
    CPPUNIT_ASSERT_EQUAL(int64_t(23), users.list(1, 10, "user_").total);   // '_' is literal
    CPPUNIT_ASSERT_EQUAL(int64_t(0), users.list(1, 10, "%").total);        // '%' is literal
    CPPUNIT_ASSERT_EQUAL(int64_t(11), users.list(1, 10, "user_1").total);  // 1, 10..19
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(UserRepositoryTest);
