#include "chat_store.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <filesystem>

using namespace meetgate::videoroom;
namespace fs = std::filesystem;

class ChatStoreTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ChatStoreTest);
  CPPUNIT_TEST(storesAndPages);
  CPPUNIT_TEST(migrationIsIdempotent);
  CPPUNIT_TEST_SUITE_END();

  fs::path file_;

  std::unique_ptr<ChatStore> open() {
    const char *url = std::getenv("MEETGATE_TEST_DATABASE_URL");
    auto store = std::make_unique<ChatStore>(
        meetgate::storage::Database::open(url && *url ? url : "sqlite://" + file_.string(), 2));
    store->migrate();
    return store;
  }

 public:
  void setUp() override {
    file_ = fs::temp_directory_path() / ("videoroom-chat-" + std::to_string(getpid()) + ".db");
  }
  void tearDown() override {
    for (const char *suffix : {"", "-wal", "-shm"}) fs::remove(file_.string() + suffix);
  }

  void storesAndPages() {
    auto store = open();
    const std::string meeting = "mtg-test-" + std::to_string(getpid());
    std::vector<int64_t> ids;
    for (int i = 0; i < 5; ++i) {
      ChatRecord record{
          0, meeting, 3, "alice", "hello " + std::to_string(i), "c" + std::to_string(i), 1000 + i};
      ids.push_back(store->add(record).id);
    }
    store->add(ChatRecord{0, meeting + "-other", 4, "bob", "elsewhere", "", 5});
    CPPUNIT_ASSERT(ids[1] > ids[0]);
    auto newest = store->list(meeting, 0, 3);
    CPPUNIT_ASSERT_EQUAL(size_t{3}, newest.size());
    CPPUNIT_ASSERT_EQUAL(std::string("hello 2"), newest.front().content);  // oldest first
    CPPUNIT_ASSERT_EQUAL(std::string("hello 4"), newest.back().content);
    auto older = store->list(meeting, newest.front().id, 10);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, older.size());
    CPPUNIT_ASSERT_EQUAL(std::string("c0"), older.front().client_message_id);
    CPPUNIT_ASSERT_EQUAL(int64_t{1000}, older.front().created_at_ms);
  }

  void migrationIsIdempotent() {
    auto store = open();
    store->migrate();
    CPPUNIT_ASSERT(store->list("nothing-here", 0, 10).empty());
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(ChatStoreTest);
