// The SQL API, run against whichever backend test_env names (SQLite by
// default, a real PostgreSQL under run_with_servers.py).
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <meetgate/storage/database.hpp>
#include <thread>

#include "test_env.hpp"

using namespace meetgate::storage;

class DatabaseTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(DatabaseTest);
  CPPUNIT_TEST(bindsPlaceholdersByNumber);
  CPPUNIT_TEST(reusesAPlaceholder);
  CPPUNIT_TEST(returnsNullsAndAffectedRows);
  CPPUNIT_TEST(insertReturningGivesTheId);
  CPPUNIT_TEST(reportsConstraintViolations);
  CPPUNIT_TEST(otherErrorsAreNotConstraintViolations);
  CPPUNIT_TEST(missingParameterIsAnError);
  CPPUNIT_TEST(transactionCommits);
  CPPUNIT_TEST(transactionRollsBackOnThrow);
  CPPUNIT_TEST(seatCountingHoldsUnderConcurrency);
  CPPUNIT_TEST(smallPoolServesManyThreads);
  CPPUNIT_TEST(migrationsApplyOnceInOrder);
  CPPUNIT_TEST(failedMigrationLeavesNoTrace);
  CPPUNIT_TEST(replacesConnectionsTheServerDropped);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    db_ = Database::open(test::database_url(), 4);
    for (const char *table : {"st_seats", "st_rooms", "st_items", "st_migrated", "st_broken"})
      db_->exec(std::string("DROP TABLE IF EXISTS ") + table);
    db_->migrate("storage_test_setup", {});  // creates schema_migrations if needed
    db_->exec("DELETE FROM schema_migrations WHERE component LIKE 'storage_test%'");
  }
  void tearDown() override { db_.reset(); }

  void bindsPlaceholdersByNumber() {
    create_items();
    db_->exec("INSERT INTO st_items (name, qty, price) VALUES ($2, $3, $1)",
              {2.5, std::string("apple"), int64_t{7}});
    auto result = db_->exec("SELECT name, qty, price FROM st_items WHERE qty = $1", {int64_t{7}});
    CPPUNIT_ASSERT_EQUAL(size_t{1}, result.rows.size());
    const Row &row = result.rows.front();
    CPPUNIT_ASSERT_EQUAL(std::string("apple"), row.text("name"));
    CPPUNIT_ASSERT_EQUAL(int64_t{7}, row.integer("qty"));
    CPPUNIT_ASSERT_DOUBLES_EQUAL(2.5, std::stod(*row.at("price")), 1e-9);
    CPPUNIT_ASSERT_EQUAL(std::string("apple"), *row.at(size_t{0}));
    CPPUNIT_ASSERT_THROW(row.at("missing"), Error);
  }

  void reusesAPlaceholder() {
    create_items();
    db_->exec("INSERT INTO st_items (name, qty) VALUES ($1, $2)", {std::string("a"), int64_t{1}});
    db_->exec("INSERT INTO st_items (name, qty) VALUES ($1, $2)", {std::string("b"), int64_t{2}});
    auto result = db_->exec("SELECT name FROM st_items WHERE name = $1 OR qty = $2 OR name = $1",
                            {std::string("a"), int64_t{2}});
    CPPUNIT_ASSERT_EQUAL(size_t{2}, result.rows.size());
  }

  void returnsNullsAndAffectedRows() {
    create_items();
    db_->exec("INSERT INTO st_items (name, qty, note) VALUES ($1, $2, $3)",
              {std::string("x"), int64_t{1}, std::monostate{}});
    db_->exec("INSERT INTO st_items (name, qty, note) VALUES ($1, $2, $3)",
              {std::string("y"), int64_t{1}, std::string("it's \"quoted\"; fine")});
    auto rows = db_->exec("SELECT name, note FROM st_items ORDER BY name").rows;
    CPPUNIT_ASSERT(rows[0].is_null("note"));
    CPPUNIT_ASSERT_EQUAL(std::string("fallback"), rows[0].text("note", "fallback"));
    CPPUNIT_ASSERT_EQUAL(std::string("it's \"quoted\"; fine"), rows[1].text("note"));
    auto updated = db_->exec("UPDATE st_items SET qty = qty + 1 WHERE qty = $1", {int64_t{1}});
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, updated.affected);
  }

  void insertReturningGivesTheId() {
    create_items();
    auto first = db_->exec("INSERT INTO st_items (name, qty) VALUES ($1, 1) RETURNING id",
                           {std::string("r1")});
    auto second = db_->exec("INSERT INTO st_items (name, qty) VALUES ($1, 1) RETURNING id",
                            {std::string("r2")});
    CPPUNIT_ASSERT(second.rows.front().integer("id") > first.rows.front().integer("id"));
  }

  void reportsConstraintViolations() {
    create_items();
    db_->exec("INSERT INTO st_items (name, qty) VALUES ($1, 1)", {std::string("dup")});
    try {
      db_->exec("INSERT INTO st_items (name, qty) VALUES ($1, 1)", {std::string("dup")});
      CPPUNIT_FAIL("duplicate insert accepted");
    } catch (const Error &error) {
      CPPUNIT_ASSERT(error.constraint_violation());
    }
    try {
      db_->exec("INSERT INTO st_items (name, qty) VALUES ($1, NULL)", {std::string("nul")});
      CPPUNIT_FAIL("NOT NULL violation accepted");
    } catch (const Error &error) {
      CPPUNIT_ASSERT(error.constraint_violation());
    }
  }

  void otherErrorsAreNotConstraintViolations() {
    try {
      db_->exec("SELEKT 1");
      CPPUNIT_FAIL("syntax error accepted");
    } catch (const Error &error) {
      CPPUNIT_ASSERT(!error.constraint_violation());
    }
    // The pool survives failed statements.
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, db_->exec("SELECT 1 AS one").rows.front().integer("one"));
  }

  void missingParameterIsAnError() {
    create_items();
    CPPUNIT_ASSERT_THROW(db_->exec("SELECT name FROM st_items WHERE qty = $2", {int64_t{1}}),
                         Error);
  }

  void transactionCommits() {
    create_items();
    db_->transaction([](Session &session) {
      session.exec("INSERT INTO st_items (name, qty) VALUES ('t1', 1)");
      session.exec("INSERT INTO st_items (name, qty) VALUES ('t2', 1)");
    });
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, count("st_items"));
  }

  void transactionRollsBackOnThrow() {
    create_items();
    CPPUNIT_ASSERT_THROW(db_->transaction([](Session &session) {
      session.exec("INSERT INTO st_items (name, qty) VALUES ('t1', 1)");
      throw std::runtime_error("abort");
    }),
                         std::runtime_error);
    CPPUNIT_ASSERT_THROW(db_->transaction([](Session &session) {
      session.exec("INSERT INTO st_items (name, qty) VALUES ('t1', 1)");
      session.exec("INSERT INTO st_items (name, qty) VALUES ('t1', 1)");  // unique violation
    }),
                         Error);
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, count("st_items"));
  }

  // The pattern the meeting plugin uses for max_participants: lock, count,
  // insert. With 24 threads and 6 seats exactly 6 must get in.
  void seatCountingHoldsUnderConcurrency() {
    db_->exec("CREATE TABLE st_rooms (id INTEGER PRIMARY KEY, seats INTEGER NOT NULL)");
    db_->exec(
        "CREATE TABLE st_seats (room INTEGER NOT NULL REFERENCES st_rooms(id), who INTEGER NOT "
        "NULL)");
    db_->exec("INSERT INTO st_rooms (id, seats) VALUES (1, 6)");
    const bool postgres = db_->dialect() == Dialect::kPostgres;
    std::atomic<int> admitted{0};
    std::vector<std::thread> threads;
    for (int who = 0; who < 24; ++who) {
      threads.emplace_back([&, who] {
        db_->transaction([&](Session &session) {
          auto room = session.exec(postgres ? "SELECT seats FROM st_rooms WHERE id = 1 FOR UPDATE"
                                            : "SELECT seats FROM st_rooms WHERE id = 1");
          auto taken = session.exec("SELECT COUNT(*) AS n FROM st_seats WHERE room = 1");
          if (taken.rows.front().integer("n") >= room.rows.front().integer("seats")) return;
          session.exec("INSERT INTO st_seats (room, who) VALUES (1, $1)", {int64_t{who}});
          ++admitted;
        });
      });
    }
    for (auto &thread : threads) thread.join();
    CPPUNIT_ASSERT_EQUAL(6, admitted.load());
    CPPUNIT_ASSERT_EQUAL(int64_t{6}, count("st_seats"));
  }

  void smallPoolServesManyThreads() {
    auto small = Database::open(test::database_url(), 2);
    std::atomic<int> answered{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 12; ++i) {
      threads.emplace_back([&] {
        for (int j = 0; j < 20; ++j) {
          if (small->exec("SELECT 1 AS one").rows.front().integer("one") == 1) ++answered;
        }
      });
    }
    for (auto &thread : threads) thread.join();
    CPPUNIT_ASSERT_EQUAL(240, answered.load());
  }

  void migrationsApplyOnceInOrder() {
    std::vector<Migration> steps = {
        {2, "add column", "ALTER TABLE st_migrated ADD COLUMN extra TEXT",
         "ALTER TABLE st_migrated ADD COLUMN extra TEXT"},
        {1, "create", "CREATE TABLE st_migrated (id INTEGER PRIMARY KEY, name TEXT);",
         "CREATE TABLE st_migrated (id SERIAL PRIMARY KEY, name TEXT);"},
    };
    db_->migrate("storage_test", steps);
    db_->migrate("storage_test", steps);  // a second start changes nothing
    db_->exec("INSERT INTO st_migrated (name, extra) VALUES ('a', 'b')");
    auto versions = db_->exec(
        "SELECT version, applied_at FROM schema_migrations WHERE component = $1 ORDER BY version",
        {std::string("storage_test")});
    CPPUNIT_ASSERT_EQUAL(size_t{2}, versions.rows.size());
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, versions.rows[1].integer("version"));
    CPPUNIT_ASSERT(!versions.rows[1].is_null("applied_at"));
    steps.push_back({3, "index", "CREATE INDEX st_migrated_name ON st_migrated(name)",
                     "CREATE INDEX st_migrated_name ON st_migrated(name)"});
    db_->migrate("storage_test", steps);
    CPPUNIT_ASSERT_EQUAL(int64_t{3}, db_->exec("SELECT MAX(version) AS v FROM schema_migrations "
                                               "WHERE component = 'storage_test'")
                                         .rows.front()
                                         .integer("v"));
  }

  void failedMigrationLeavesNoTrace() {
    std::vector<Migration> steps = {
        {1, "half broken", "CREATE TABLE st_broken (id INTEGER); SELEKT nonsense",
         "CREATE TABLE st_broken (id INTEGER); SELEKT nonsense"},
    };
    CPPUNIT_ASSERT_THROW(db_->migrate("storage_test_broken", steps), Error);
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, db_->exec("SELECT COUNT(*) AS n FROM schema_migrations WHERE "
                                               "component = 'storage_test_broken'")
                                         .rows.front()
                                         .integer("n"));
    // The CREATE TABLE was rolled back with the rest of the step.
    db_->exec("CREATE TABLE st_broken (id INTEGER)");
  }

  // PostgreSQL only: the server terminates our idle pooled connection; the
  // next call may fail once, then the pool hands out a fresh connection.
  void replacesConnectionsTheServerDropped() {
    if (db_->dialect() != Dialect::kPostgres) return;
    auto pooled = Database::open(test::database_url(), 1);
    int64_t victim = pooled->exec("SELECT pg_backend_pid() AS pid").rows.front().integer("pid");
    auto killed = db_->exec("SELECT pg_terminate_backend($1) AS done", {victim});
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, killed.rows.front().integer("done"));
    int failures = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        pooled->exec("SELECT 1 AS one");
        break;
      } catch (const Error &) {
        ++failures;
      }
    }
    CPPUNIT_ASSERT(failures <= 1);
    int64_t fresh = pooled->exec("SELECT pg_backend_pid() AS pid").rows.front().integer("pid");
    CPPUNIT_ASSERT(fresh != victim);
  }

 private:
  void create_items() {
    db_->exec(
        db_->dialect() == Dialect::kPostgres
            ? "CREATE TABLE st_items (id SERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
              " qty INTEGER NOT NULL, price DOUBLE PRECISION, note TEXT)"
            : "CREATE TABLE st_items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL"
              " UNIQUE, qty INTEGER NOT NULL, price REAL, note TEXT)");
  }
  int64_t count(const std::string &table) {
    return db_->exec("SELECT COUNT(*) AS n FROM " + table).rows.front().integer("n");
  }

  std::unique_ptr<Database> db_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(DatabaseTest);
