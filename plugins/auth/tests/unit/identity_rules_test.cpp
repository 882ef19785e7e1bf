// Username, email and nickname rules.
#include "identity_rules.hpp"

#include <cppunit/extensions/HelperMacros.h>

using meetgate::auth::IdentityRules;

class IdentityRulesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(IdentityRulesTest);
  CPPUNIT_TEST(usernames);
  CPPUNIT_TEST(validEmails);
  CPPUNIT_TEST(invalidEmails);
  CPPUNIT_TEST(nicknames);
  CPPUNIT_TEST_SUITE_END();

 public:
  void usernames() {
    CPPUNIT_ASSERT(IdentityRules::is_valid_username("bob"));
    CPPUNIT_ASSERT(IdentityRules::is_valid_username("Alice_2024"));
    CPPUNIT_ASSERT(IdentityRules::is_valid_username(std::string(20, 'a')));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_username(std::string(21, 'a')));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_username("ab"));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_username("bad-name"));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_username("with space"));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_username("caf\xc3\xa9"));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_username(std::string("ab\0cd", 5)));
  }
  void validEmails() {
    CPPUNIT_ASSERT(IdentityRules::is_valid_email("a@b.co"));
    CPPUNIT_ASSERT(IdentityRules::is_valid_email("first.last+tag@mail.example.org"));
    CPPUNIT_ASSERT(IdentityRules::is_valid_email("x_y@sub-domain.example.com"));
    CPPUNIT_ASSERT_EQUAL(std::string("bob@example.com"),
                         IdentityRules::normalize_email("Bob@Example.COM"));
  }
  void invalidEmails() {
    for (const char *email :
         {"", "plain", "@example.com", "bob@", "bob@example", "bob@@ex.com", "bob@ex..com",
          ".bob@ex.com", "bob.@ex.com", "bo..b@ex.com", "bob@-ex.com", "bob@ex-.com", "bob@ex.c",
          "bob@ex.c0m", "bob smith@ex.com", "bob@ex ample.com", "bob@ex.com."}) {
      CPPUNIT_ASSERT_MESSAGE(email, !IdentityRules::is_valid_email(email));
    }
    CPPUNIT_ASSERT(!IdentityRules::is_valid_email(std::string(95, 'a') + "@ex.com"));
  }
  void nicknames() {
    CPPUNIT_ASSERT(IdentityRules::is_valid_nickname(""));
    CPPUNIT_ASSERT(IdentityRules::is_valid_nickname("Zhang San \xe5\xbc\xa0"));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_nickname("tab\there"));
    CPPUNIT_ASSERT(!IdentityRules::is_valid_nickname(std::string(101, 'n')));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(IdentityRulesTest);
