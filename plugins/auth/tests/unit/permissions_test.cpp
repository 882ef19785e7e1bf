// Who may manage whom, and pagination arithmetic/parsing.
#include "permissions.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <meetgate/pluginkit/json_ptr.hpp>

#include "api_error.hpp"
#include "page_request.hpp"

using meetgate::auth::Actor;
using meetgate::auth::AdminAction;
using meetgate::auth::ApiError;
using meetgate::auth::PageRequest;
using meetgate::auth::Permissions;
using meetgate::pluginkit::JsonPtr;

class PermissionsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PermissionsTest);
  CPPUNIT_TEST(onlyAdminsManage);
  CPPUNIT_TEST(adminsCannotLockThemselvesOut);
  CPPUNIT_TEST(rolesAndStatuses);
  CPPUNIT_TEST(pageDefaultsAndBounds);
  CPPUNIT_TEST(pageErrorsNameTheField);
  CPPUNIT_TEST(totalPages);
  CPPUNIT_TEST(envelopeShape);
  CPPUNIT_TEST_SUITE_END();

 public:
  void onlyAdminsManage() {
    Actor user{7, "user"};
    for (AdminAction action : {AdminAction::kView, AdminAction::kUpdate, AdminAction::kBan,
                               AdminAction::kUnban, AdminAction::kDelete}) {
      CPPUNIT_ASSERT(Permissions::check_admin(user, action, 8));
      CPPUNIT_ASSERT(Permissions::check_admin(user, action, 7));
    }
    Actor admin{1, "admin"};
    CPPUNIT_ASSERT(!Permissions::check_admin(admin, AdminAction::kBan, 8));
    CPPUNIT_ASSERT(!Permissions::check_admin(admin, AdminAction::kDelete, 8));
    CPPUNIT_ASSERT(!Permissions::check_admin(admin, AdminAction::kChangeRole, 8));
  }
  void adminsCannotLockThemselvesOut() {
    Actor admin{1, "admin"};
    CPPUNIT_ASSERT(Permissions::check_admin(admin, AdminAction::kBan, 1));
    CPPUNIT_ASSERT(Permissions::check_admin(admin, AdminAction::kDelete, 1));
    CPPUNIT_ASSERT(Permissions::check_admin(admin, AdminAction::kChangeRole, 1));
    CPPUNIT_ASSERT(!Permissions::check_admin(admin, AdminAction::kView, 1));
    CPPUNIT_ASSERT(!Permissions::check_admin(admin, AdminAction::kUpdate, 1));
  }
  void rolesAndStatuses() {
    CPPUNIT_ASSERT(Permissions::is_valid_role("user"));
    CPPUNIT_ASSERT(Permissions::is_valid_role("admin"));
    CPPUNIT_ASSERT(!Permissions::is_valid_role("root"));
    CPPUNIT_ASSERT(!Permissions::is_valid_role("Admin"));
    CPPUNIT_ASSERT(Permissions::is_valid_status("banned"));
    CPPUNIT_ASSERT(!Permissions::is_valid_status("deleted"));
  }
  void pageDefaultsAndBounds() {
    PageRequest none = PageRequest::parse(std::nullopt, std::nullopt, std::nullopt);
    CPPUNIT_ASSERT_EQUAL(int64_t(1), none.page);
    CPPUNIT_ASSERT_EQUAL(int64_t(10), none.page_size);
    PageRequest some = PageRequest::parse("3", "100", "ali");
    CPPUNIT_ASSERT_EQUAL(int64_t(3), some.page);
    CPPUNIT_ASSERT_EQUAL(int64_t(100), some.page_size);
    CPPUNIT_ASSERT_EQUAL(std::string("ali"), some.keyword);
    PageRequest empty = PageRequest::parse("", "", "");
    CPPUNIT_ASSERT_EQUAL(int64_t(1), empty.page);
  }
  void pageErrorsNameTheField() {
    auto field_of = [](const char *page, const char *size) -> std::string {
      try {
        PageRequest::parse(std::string(page), std::string(size), std::nullopt);
      } catch (const ApiError &error) {
        CPPUNIT_ASSERT_EQUAL(400, error.status());
        return error.detail();
      }
      return "";
    };
    CPPUNIT_ASSERT_EQUAL(std::string("page"), field_of("0", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page"), field_of("-1", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page"), field_of("x", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page"), field_of("1.5", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page_size"), field_of("1", "101"));
    CPPUNIT_ASSERT_EQUAL(std::string("page_size"), field_of("1", "0"));
    CPPUNIT_ASSERT_EQUAL(std::string("page_size"), field_of("1", "99999999999999999999"));
  }
  void totalPages() {
    CPPUNIT_ASSERT_EQUAL(int64_t(0), PageRequest::total_pages(0, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t(1), PageRequest::total_pages(1, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t(1), PageRequest::total_pages(10, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t(2), PageRequest::total_pages(11, 10));
  }
  void envelopeShape() {
    PageRequest request = PageRequest::parse("2", "5", std::nullopt);
    JsonPtr page(request.envelope(json_array(), 12));
    CPPUNIT_ASSERT(json_is_array(json_object_get(page.get(), "list")));
    CPPUNIT_ASSERT_EQUAL(json_int_t(12), json_integer_value(json_object_get(page.get(), "total")));
    CPPUNIT_ASSERT_EQUAL(json_int_t(2), json_integer_value(json_object_get(page.get(), "page")));
    CPPUNIT_ASSERT_EQUAL(json_int_t(5),
                         json_integer_value(json_object_get(page.get(), "page_size")));
    CPPUNIT_ASSERT_EQUAL(json_int_t(3),
                         json_integer_value(json_object_get(page.get(), "total_pages")));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PermissionsTest);
