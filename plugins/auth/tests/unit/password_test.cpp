// Password policy and Argon2id hashing.
#include <cppunit/extensions/HelperMacros.h>
#include <sodium.h>

#include "password_hasher.hpp"
#include "password_policy.hpp"

using meetgate::auth::PasswordHasher;
using meetgate::auth::PasswordPolicy;

class PasswordTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PasswordTest);
  CPPUNIT_TEST(acceptsStrongPasswords);
  CPPUNIT_TEST(refusesShortAndLong);
  CPPUNIT_TEST(needsThreeClasses);
  CPPUNIT_TEST(refusesCommonPasswords);
  CPPUNIT_TEST(refusesUsernameInside);
  CPPUNIT_TEST(hashVerifies);
  CPPUNIT_TEST(hashIsSaltedArgon2id);
  CPPUNIT_TEST(rehashWhenLimitsChange);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override { CPPUNIT_ASSERT(sodium_init() >= 0); }

  void acceptsStrongPasswords() {
    CPPUNIT_ASSERT(!PasswordPolicy::check("Tr0ub4dor&3"));
    CPPUNIT_ASSERT(!PasswordPolicy::check("correct horse Battery"));  // lower+upper+space
    CPPUNIT_ASSERT(!PasswordPolicy::check("abcdefg1!"));              // lower+digit+symbol
  }
  void refusesShortAndLong() {
    CPPUNIT_ASSERT(PasswordPolicy::check("Ab1!xyz"));  // 7 characters
    CPPUNIT_ASSERT(!PasswordPolicy::check("Ab1!xyzw"));
    CPPUNIT_ASSERT(PasswordPolicy::check("Ab1!" + std::string(125, 'x')));
    CPPUNIT_ASSERT(PasswordPolicy::check(""));
  }
  void needsThreeClasses() {
    CPPUNIT_ASSERT(PasswordPolicy::check("abcdefghij"));
    CPPUNIT_ASSERT(PasswordPolicy::check("abcdefgh12"));
    CPPUNIT_ASSERT(PasswordPolicy::check("ABCDEFGH!!"));
    CPPUNIT_ASSERT(!PasswordPolicy::check("ABCDEFGH!!1"));
  }
  void refusesCommonPasswords() {
    CPPUNIT_ASSERT(PasswordPolicy::is_common("Password1"));
    CPPUNIT_ASSERT(PasswordPolicy::is_common("P@ssw0rd"));
    CPPUNIT_ASSERT(PasswordPolicy::check("P@ssw0rd"));  // 3 classes, but common
    CPPUNIT_ASSERT(PasswordPolicy::check("Welcome123"));
    CPPUNIT_ASSERT(!PasswordPolicy::is_common("Zq8!mR2#vk"));
  }
  void refusesUsernameInside() {
    CPPUNIT_ASSERT(PasswordPolicy::check("Alice_2024!", "alice"));
    CPPUNIT_ASSERT(!PasswordPolicy::check("Alice_2024!", "bob"));
  }
  void hashVerifies() {
    PasswordHasher hasher(1, 8 * 1024 * 1024);
    const std::string hash = hasher.hash("Tr0ub4dor&3");
    CPPUNIT_ASSERT(hasher.verify(hash, "Tr0ub4dor&3"));
    CPPUNIT_ASSERT(!hasher.verify(hash, "Tr0ub4dor&4"));
    CPPUNIT_ASSERT(!hasher.verify(hash, ""));
    CPPUNIT_ASSERT(!hasher.verify("", "Tr0ub4dor&3"));
    CPPUNIT_ASSERT(!hasher.verify("not a hash", "Tr0ub4dor&3"));
  }
  void hashIsSaltedArgon2id() {
    PasswordHasher hasher(1, 8 * 1024 * 1024);
    const std::string a = hasher.hash("Tr0ub4dor&3");
    const std::string b = hasher.hash("Tr0ub4dor&3");
    CPPUNIT_ASSERT(a != b);
    CPPUNIT_ASSERT(a.rfind("$argon2id$", 0) == 0);
  }
  void rehashWhenLimitsChange() {
    PasswordHasher cheap(1, 8 * 1024 * 1024);
    PasswordHasher dearer(2, 8 * 1024 * 1024);
    const std::string hash = cheap.hash("Tr0ub4dor&3");
    CPPUNIT_ASSERT(!cheap.needs_rehash(hash));
    CPPUNIT_ASSERT(dearer.needs_rehash(hash));
    CPPUNIT_ASSERT(dearer.verify(hash, "Tr0ub4dor&3"));  // parameters travel in the hash
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PasswordTest);
