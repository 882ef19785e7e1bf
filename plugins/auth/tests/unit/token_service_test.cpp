// Token issue/verify with revocation on real storage (SQLite file +
// in-process KeyValue): all-tokens revocation, single-token revocation,
// single-use refresh tokens, deleted users, and a cold cache.
#include "token_service.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "api_error.hpp"
#include "storage_fixture.hpp"

using meetgate::auth::ApiError;
using meetgate::auth::JwtCodec;
using meetgate::auth::NewUser;
using meetgate::auth::TokenRevocation;
using meetgate::auth::TokenService;
using meetgate::auth::TokenType;
using meetgate::auth::UserRecord;
using meetgate::auth::UserRepository;

namespace {

struct World {
  meetgate::auth::test::StorageFixture fixture;
  UserRepository users{*fixture.db};
  JwtCodec codec{"unit-test-secret-0123456789abcdef0123456789", "meetgate"};
  TokenRevocation revocation{*fixture.kv, users};
  TokenService tokens{codec, revocation, 3600, 7200};
  UserRecord alice;

  World() {
    users.migrate();
    NewUser user;
    user.username = "alice";
    user.email = "alice@example.com";
    user.password_hash = "$argon2id$placeholder-not-used-here";
    alice = users.create(user);
  }
  int verify_status(const std::string &token, TokenType type) {
    try {
      tokens.verify(token, type);
      return 0;
    } catch (const ApiError &error) {
      return error.status();
    }
  }
};

}  // namespace

class TokenServiceTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TokenServiceTest);
  CPPUNIT_TEST(issuedPairVerifies);
  CPPUNIT_TEST(revokeAllKillsEveryToken);
  CPPUNIT_TEST(revokeAllSurvivesColdCache);
  CPPUNIT_TEST(singleTokenRevocation);
  CPPUNIT_TEST(refreshIsSingleUse);
  CPPUNIT_TEST(deletedUserTokensFail);
  CPPUNIT_TEST_SUITE_END();

 public:
  void issuedPairVerifies() {
    World world;
    TokenService::Pair pair = world.tokens.issue(world.alice);
    CPPUNIT_ASSERT_EQUAL(world.alice.id,
                         world.tokens.verify(pair.access_token, TokenType::kAccess).user_id);
    CPPUNIT_ASSERT_EQUAL(0, world.verify_status(pair.refresh_token, TokenType::kRefresh));
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(pair.refresh_token, TokenType::kAccess));
    CPPUNIT_ASSERT(world.fixture.kv->exists(TokenRevocation::session_key(world.alice.id)));
  }
  void revokeAllKillsEveryToken() {
    World world;
    TokenService::Pair first = world.tokens.issue(world.alice);
    TokenService::Pair second = world.tokens.issue(world.alice);
    CPPUNIT_ASSERT(world.revocation.revoke_all(world.alice.id).has_value());
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(first.access_token, TokenType::kAccess));
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(second.access_token, TokenType::kAccess));
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(second.refresh_token, TokenType::kRefresh));
    // A token issued after the revocation (same second) is fine.
    UserRecord fresh = *world.users.find_by_id(world.alice.id);
    TokenService::Pair third = world.tokens.issue(fresh);
    CPPUNIT_ASSERT_EQUAL(0, world.verify_status(third.access_token, TokenType::kAccess));
  }
  void revokeAllSurvivesColdCache() {
    World world;
    TokenService::Pair pair = world.tokens.issue(world.alice);
    world.revocation.revoke_all(world.alice.id);
    // The KeyValue store lost the key (e.g. a Redis restart): the database
    // still knows the version.
    world.fixture.kv->del(TokenRevocation::session_key(world.alice.id));
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(pair.access_token, TokenType::kAccess));
  }
  void singleTokenRevocation() {
    World world;
    TokenService::Pair a = world.tokens.issue(world.alice);
    TokenService::Pair b = world.tokens.issue(world.alice);
    meetgate::auth::TokenClaims claims = world.tokens.verify(a.access_token, TokenType::kAccess);
    world.revocation.revoke_token(claims.jti, claims.expires_at, TokenService::now());
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(a.access_token, TokenType::kAccess));
    CPPUNIT_ASSERT_EQUAL(0, world.verify_status(b.access_token, TokenType::kAccess));
  }
  void refreshIsSingleUse() {
    World world;
    TokenService::Pair pair = world.tokens.issue(world.alice);
    meetgate::auth::TokenClaims claims =
        world.tokens.verify(pair.refresh_token, TokenType::kRefresh);
    const int64_t now = TokenService::now();
    CPPUNIT_ASSERT(world.revocation.consume_refresh(claims.jti, claims.expires_at, now));
    CPPUNIT_ASSERT(!world.revocation.consume_refresh(claims.jti, claims.expires_at, now));
  }
  void deletedUserTokensFail() {
    World world;
    TokenService::Pair pair = world.tokens.issue(world.alice);
    CPPUNIT_ASSERT(world.users.soft_delete(world.alice.id));
    world.revocation.revoke_all(world.alice.id);
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(pair.access_token, TokenType::kAccess));
    world.fixture.kv->del(TokenRevocation::session_key(world.alice.id));
    CPPUNIT_ASSERT_EQUAL(401, world.verify_status(pair.access_token, TokenType::kAccess));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(TokenServiceTest);
