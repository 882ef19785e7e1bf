// Pagination and QueryString: defaults, refusals naming the field, the
// seed's list envelope, URL decoding.
#include <cppunit/extensions/HelperMacros.h>

#include <meetgate/pluginkit/invalid_field.hpp>
#include <meetgate/pluginkit/json_ptr.hpp>
#include <meetgate/pluginkit/pagination.hpp>
#include <meetgate/pluginkit/query_string.hpp>

using meetgate::pluginkit::InvalidField;
using meetgate::pluginkit::JsonPtr;
using meetgate::pluginkit::Pagination;
using meetgate::pluginkit::QueryString;

namespace {

// "field: why" of the refusal, or "accepted".
std::string refusal(const char *page, const char *page_size) {
  try {
    Pagination::parse(std::string(page), std::string(page_size));
  } catch (const InvalidField &error) {
    return error.field() + ": " + error.why();
  }
  return "accepted";
}

}  // namespace

class PaginationTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PaginationTest);
  CPPUNIT_TEST(defaults);
  CPPUNIT_TEST(refusalsNameTheField);
  CPPUNIT_TEST(countsPages);
  CPPUNIT_TEST(envelopeHasTheSeedFields);
  CPPUNIT_TEST(decodesTheQueryString);
  CPPUNIT_TEST_SUITE_END();

 public:
  void defaults() {
    Pagination none = Pagination::parse(std::nullopt, std::nullopt);
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, none.page);
    CPPUNIT_ASSERT_EQUAL(int64_t{10}, none.page_size);
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, none.offset());
    Pagination empty = Pagination::parse("", "");
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, empty.page);
    Pagination some = Pagination::parse("3", "25");
    CPPUNIT_ASSERT_EQUAL(int64_t{50}, some.offset());
  }

  void refusalsNameTheField() {
    CPPUNIT_ASSERT_EQUAL(std::string("page: must be a positive integer"), refusal("0", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page: must be a positive integer"), refusal("-1", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page: must be a positive integer"), refusal("1.5", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page: must be at most 1000000"), refusal("1000001", "10"));
    CPPUNIT_ASSERT_EQUAL(std::string("page_size: must be at most 100"), refusal("1", "101"));
    CPPUNIT_ASSERT_EQUAL(std::string("page_size: must be a positive integer"),
                         refusal("1", "99999999999999999999"));
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"), refusal("1000000", "100"));
    try {
      Pagination::parse(std::string("x"), std::nullopt);
      CPPUNIT_FAIL("page=x accepted");
    } catch (const InvalidField &error) {
      CPPUNIT_ASSERT_EQUAL(int64_t{1000000}, error.maximum());
      CPPUNIT_ASSERT_EQUAL(std::string("page must be a positive integer"),
                           std::string(error.what()));
    }
  }

  void countsPages() {
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, Pagination::total_pages(0, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, Pagination::total_pages(1, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, Pagination::total_pages(10, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, Pagination::total_pages(11, 10));
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, Pagination::total_pages(5, 0));
  }

  void envelopeHasTheSeedFields() {
    Pagination page = Pagination::parse("2", "5");
    JsonPtr out(page.envelope(json_array(), 11));
    CPPUNIT_ASSERT(json_is_array(json_object_get(out.get(), "list")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{11}, json_integer_value(json_object_get(out.get(), "total")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{2}, json_integer_value(json_object_get(out.get(), "page")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{5},
                         json_integer_value(json_object_get(out.get(), "page_size")));
    CPPUNIT_ASSERT_EQUAL(json_int_t{3},
                         json_integer_value(json_object_get(out.get(), "total_pages")));
  }

  void decodesTheQueryString() {
    QueryString q("a=1&b=x%20y%2Bz&c&a=2&d=%zz&e=%4&&f=%41+");
    CPPUNIT_ASSERT_EQUAL(std::string("1"), q.get("a").value_or(""));  // the first wins
    CPPUNIT_ASSERT_EQUAL(std::string("x y+z"), q.get("b").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string(""), q.get("c").value_or("missing"));
    CPPUNIT_ASSERT_EQUAL(std::string("%zz"), q.get("d").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("%4"), q.get("e").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("A "), q.get("f").value_or(""));
    CPPUNIT_ASSERT(!q.get("nope"));
    CPPUNIT_ASSERT_EQUAL(std::string("a&b=c"), QueryString::decode("a%26b%3dc"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PaginationTest);
