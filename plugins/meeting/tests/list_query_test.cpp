// Pagination and list filters of GET /api/v1/meetings.
#include "list_query.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "api_error.hpp"
#include "json_ref.hpp"

using namespace meetgate::meeting;
using meetgate::pluginkit::QueryString;

namespace {
std::string field_of_error(const std::string &raw) {
  try {
    ListQuery::parse(QueryString(raw));
  } catch (const ApiError &error) {
    CPPUNIT_ASSERT_EQUAL(400, error.status());
    return error.what();
  }
  return "accepted";
}
}  // namespace

class ListQueryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ListQueryTest);
  CPPUNIT_TEST(defaults);
  CPPUNIT_TEST(readsEveryFilter);
  CPPUNIT_TEST(refusesBadValuesNamingTheField);
  CPPUNIT_TEST(countsPages);
  CPPUNIT_TEST(envelopeHasTheSeedFields);
  CPPUNIT_TEST(decodesTheQueryString);
  CPPUNIT_TEST_SUITE_END();

 public:
  void defaults() {
    ListQuery q = ListQuery::parse(QueryString(""));
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, q.page);
    CPPUNIT_ASSERT_EQUAL(int64_t{10}, q.page_size);
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, q.offset());
    CPPUNIT_ASSERT(q.status.empty() && q.keyword.empty() && !q.mine);
  }

  void readsEveryFilter() {
    ListQuery q = ListQuery::parse(
        QueryString("page=3&page_size=25&status=ongoing&keyword=team+sync&mine=true"));
    CPPUNIT_ASSERT_EQUAL(int64_t{3}, q.page);
    CPPUNIT_ASSERT_EQUAL(int64_t{25}, q.page_size);
    CPPUNIT_ASSERT_EQUAL(int64_t{50}, q.offset());
    CPPUNIT_ASSERT_EQUAL(std::string("ongoing"), q.status);
    CPPUNIT_ASSERT_EQUAL(std::string("team sync"), q.keyword);
    CPPUNIT_ASSERT(q.mine);
  }

  void refusesBadValuesNamingTheField() {
    CPPUNIT_ASSERT_EQUAL(std::string("invalid page"), field_of_error("page=0"));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid page"), field_of_error("page=abc"));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid page"), field_of_error("page=-1"));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid page_size"), field_of_error("page_size=101"));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid page_size"), field_of_error("page_size=1.5"));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid status"), field_of_error("status=active"));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid mine"), field_of_error("mine=maybe"));
    CPPUNIT_ASSERT_EQUAL(std::string("invalid keyword"),
                         field_of_error("keyword=" + std::string(101, 'k')));
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"),
                         field_of_error("page_size=100&keyword=" + std::string(100, 'k')));
  }

  void countsPages() {
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, ListQuery::total_pages(0, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, ListQuery::total_pages(1, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, ListQuery::total_pages(10, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, ListQuery::total_pages(11, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{7}, ListQuery::total_pages(61, 10));
  }

  void envelopeHasTheSeedFields() {
    ListQuery q = ListQuery::parse(QueryString("page=2&page_size=5"));
    JsonRef page = adopt(q.envelope(json_array(), 11));
    CPPUNIT_ASSERT(json_is_array(json_object_get(page.get(), "list")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{11}, json_integer_value(json_object_get(page.get(), "total")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{2}, json_integer_value(json_object_get(page.get(), "page")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{5},
                         json_integer_value(json_object_get(page.get(), "page_size")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{3},
                         json_integer_value(json_object_get(page.get(), "total_pages")));
  }

  void decodesTheQueryString() {
    QueryString q("a=1&b=x%20y%2Bz&c&a=2&d=%zz&e=%4");
    CPPUNIT_ASSERT_EQUAL(std::string("1"), q.get("a").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("x y+z"), q.get("b").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string(""), q.get("c").value_or("missing"));
    CPPUNIT_ASSERT_EQUAL(std::string("%zz"), q.get("d").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("%4"), q.get("e").value_or(""));
    CPPUNIT_ASSERT(!q.get("nope"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ListQueryTest);
