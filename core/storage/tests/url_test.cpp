#include <cppunit/extensions/HelperMacros.h>

#include <meetgate/storage/url.hpp>

using namespace meetgate::storage;

class UrlTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(UrlTest);
  CPPUNIT_TEST(sqliteForms);
  CPPUNIT_TEST(postgresForms);
  CPPUNIT_TEST(rejectsUnknownSchemes);
  CPPUNIT_TEST(redisForms);
  CPPUNIT_TEST(redisRejectsBadPorts);
  CPPUNIT_TEST(redactsPasswords);
  CPPUNIT_TEST_SUITE_END();

 public:
  void sqliteForms() {
    auto absolute = parse_database_url("sqlite:///var/lib/meetgate/meetgate.db");
    CPPUNIT_ASSERT(absolute.dialect == Dialect::kSqlite);
    CPPUNIT_ASSERT_EQUAL(std::string("/var/lib/meetgate/meetgate.db"), absolute.location);
    CPPUNIT_ASSERT_EQUAL(std::string("data/x.db"),
                         parse_database_url("sqlite://data/x.db").location);
    auto bare = parse_database_url("/tmp/plain.db");
    CPPUNIT_ASSERT(bare.dialect == Dialect::kSqlite);
    CPPUNIT_ASSERT_EQUAL(std::string("/tmp/plain.db"), bare.location);
  }

  void postgresForms() {
    for (std::string url : {"postgres://u:p@db:5432/meet", "postgresql://localhost/meet"}) {
      auto target = parse_database_url(url);
      CPPUNIT_ASSERT(target.dialect == Dialect::kPostgres);
      CPPUNIT_ASSERT_EQUAL(url, target.location);
    }
  }

  void rejectsUnknownSchemes() {
    CPPUNIT_ASSERT_THROW(parse_database_url("mysql://localhost/x"), Error);
    CPPUNIT_ASSERT_THROW(parse_database_url(""), Error);
    CPPUNIT_ASSERT_THROW(parse_database_url("sqlite://"), Error);
    CPPUNIT_ASSERT_THROW(Database::open("mysql://localhost/x"), Error);
  }

  void redisForms() {
    auto plain = parse_redis_url("redis://cache:6380");
    CPPUNIT_ASSERT_EQUAL(std::string("cache"), plain.host);
    CPPUNIT_ASSERT_EQUAL(6380, plain.port);
    CPPUNIT_ASSERT_EQUAL(0, plain.db);
    CPPUNIT_ASSERT(plain.password.empty());
    auto full = parse_redis_url("redis://:s3cret@10.0.0.2:7000/3");
    CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.2"), full.host);
    CPPUNIT_ASSERT_EQUAL(7000, full.port);
    CPPUNIT_ASSERT_EQUAL(3, full.db);
    CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), full.password);
    auto user = parse_redis_url("redis://default:pw@host");
    CPPUNIT_ASSERT_EQUAL(std::string("pw"), user.password);
    CPPUNIT_ASSERT_EQUAL(6379, user.port);
    auto v6 = parse_redis_url("redis://[::1]:6390");
    CPPUNIT_ASSERT_EQUAL(std::string("::1"), v6.host);
    CPPUNIT_ASSERT_EQUAL(6390, v6.port);
  }

  void redisRejectsBadPorts() {
    CPPUNIT_ASSERT_THROW(parse_redis_url("redis://host:0"), Error);
    CPPUNIT_ASSERT_THROW(parse_redis_url("redis://host:99999"), Error);
    CPPUNIT_ASSERT_THROW(parse_redis_url("redis://host:abc"), Error);
    CPPUNIT_ASSERT_THROW(parse_redis_url("http://host"), Error);
    CPPUNIT_ASSERT_THROW(parse_redis_url("redis://host/x"), Error);
  }

  void redactsPasswords() {
    CPPUNIT_ASSERT_EQUAL(std::string("postgres://u:***@h/db"), redact_url("postgres://u:pw@h/db"));
    CPPUNIT_ASSERT_EQUAL(std::string("redis://:***@h:1"), redact_url("redis://:pw@h:1"));
    CPPUNIT_ASSERT_EQUAL(std::string("postgres://h/db"), redact_url("postgres://h/db"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UrlTest);
