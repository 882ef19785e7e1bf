// MeetingStore and ParticipantStore on a real database: SQLite by default,
// PostgreSQL when MEETGATE_TEST_DATABASE_URL is set (run_with_postgres.py).
#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "api_error.hpp"
#include "meeting_rules.hpp"
#include "meeting_schema.hpp"
#include "meeting_store.hpp"
#include "participant_store.hpp"

using namespace meetgate::meeting;
using meetgate::storage::Database;

namespace {

std::string test_database_url() {
  if (const char *env = std::getenv("MEETGATE_TEST_DATABASE_URL"); env && *env) return env;
  static const std::string path = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "meeting-store-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern + "/meeting.db";
  }();
  return "sqlite://" + path;
}

int status_of(const std::function<void()> &step) {
  try {
    step();
  } catch (const ApiError &error) {
    return error.status();
  }
  return 200;
}

}  // namespace

class StoreTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(StoreTest);
  CPPUNIT_TEST(concurrentJoinsNeverOverfill);
  CPPUNIT_TEST(joinRules);
  CPPUNIT_TEST(listFiltersAndPages);
  CPPUNIT_TEST(transitionsAreAtomic);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    db_ = Database::open(test_database_url(), 6);
    db_->migrate("meeting", meeting_migrations());
    db_->exec("DELETE FROM participants");
    db_->exec("DELETE FROM meetings");
    meetings_ = std::make_unique<MeetingStore>(*db_);
    participants_ = std::make_unique<ParticipantStore>(*db_);
  }
  void tearDown() override {
    participants_.reset();
    meetings_.reset();
    db_.reset();
  }

  void concurrentJoinsNeverOverfill() {
    MeetingRecord m = make("crowded", 1, 10);
    std::atomic<int> admitted{0}, full{0};
    std::vector<std::thread> threads;
    for (int user = 100; user < 130; ++user) {
      threads.emplace_back([&, user] {
        int status = status_of([&] { participants_->join(m.id, user, kRoleParticipant, false); });
        if (status == 200) ++admitted;
        if (status == 409) ++full;
      });
    }
    for (auto &thread : threads) thread.join();
    CPPUNIT_ASSERT_EQUAL(10, admitted.load());
    CPPUNIT_ASSERT_EQUAL(20, full.load());
    CPPUNIT_ASSERT_EQUAL(int64_t{10}, participants_->joined_count(m.id));
  }

  void joinRules() {
    MeetingRecord m = make("rules", 1, 2);
    CPPUNIT_ASSERT(!participants_->join(m.id, 1, kRoleHost, false).already_joined);
    CPPUNIT_ASSERT(participants_->join(m.id, 1, kRoleHost, false).already_joined);
    auto second = participants_->join(m.id, 2, kRoleParticipant, true);
    CPPUNIT_ASSERT(second.participant.is_muted_audio);
    CPPUNIT_ASSERT_EQUAL(409,
                         status_of([&] { participants_->join(m.id, 3, kRoleParticipant, false); }));
    // A participant who left frees the seat and keeps their role on return.
    participants_->set_role(second.participant.id, kRoleCoHost);
    CPPUNIT_ASSERT(participants_->leave(m.id, 2, "left"));
    CPPUNIT_ASSERT(!participants_->leave(m.id, 2, "left"));
    CPPUNIT_ASSERT_EQUAL(200,
                         status_of([&] { participants_->join(m.id, 3, kRoleParticipant, false); }));
    CPPUNIT_ASSERT(participants_->leave(m.id, 3, "kicked"));
    CPPUNIT_ASSERT_EQUAL(403,
                         status_of([&] { participants_->join(m.id, 3, kRoleParticipant, false); }));
    auto back = participants_->join(m.id, 2, kRoleParticipant, false);
    CPPUNIT_ASSERT_EQUAL(std::string(kRoleCoHost), back.participant.role);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, participants_->list(m.id, false).size());
    CPPUNIT_ASSERT_EQUAL(size_t{3}, participants_->list(m.id, true).size());
    participants_->set_muted(back.participant.id, "video", true);
    CPPUNIT_ASSERT(participants_->find(m.id, 2)->is_muted_video);
    CPPUNIT_ASSERT_EQUAL(
        404, status_of([&] { participants_->join(m.id + 999, 5, kRoleParticipant, false); }));
  }

  void listFiltersAndPages() {
    for (int i = 0; i < 12; ++i) make("Daily standup " + std::to_string(i), 1, 5);
    make("100% review_notes", 2, 5);
    make("Retro", 2, 5);
    ListQuery all;
    all.page_size = 5;
    auto [first, total] = meetings_->list(all, 1);
    CPPUNIT_ASSERT_EQUAL(int64_t{14}, total);
    CPPUNIT_ASSERT_EQUAL(size_t{5}, first.size());
    all.page = 3;
    CPPUNIT_ASSERT_EQUAL(size_t{4}, meetings_->list(all, 1).first.size());
    ListQuery keyword;
    keyword.keyword = "STANDUP";
    CPPUNIT_ASSERT_EQUAL(int64_t{12}, meetings_->list(keyword, 1).second);
    keyword.keyword = "0% r";  // '%' is literal
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, meetings_->list(keyword, 1).second);
    keyword.keyword = "w_n";  // '_' is literal too
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, meetings_->list(keyword, 1).second);
    ListQuery mine;
    mine.mine = true;
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, meetings_->list(mine, 2).second);
    MeetingRecord review = meetings_->list(keyword, 1).first.front();
    participants_->join(make("joined by 3", 1, 5).id, 3, kRoleParticipant, false);
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, meetings_->list(mine, 3).second);
    ListQuery ended;
    ended.status = "ended";
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, meetings_->list(ended, 1).second);
    meetings_->transition(review.id, "scheduled", "ended");
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, meetings_->list(ended, 1).second);
  }

  void transitionsAreAtomic() {
    MeetingRecord m = make("lifecycle", 1, 5);
    participants_->join(m.id, 7, kRoleParticipant, false);
    CPPUNIT_ASSERT(!meetings_->transition(m.id, "ongoing", "ended"));
    auto started = meetings_->transition(m.id, "scheduled", "ongoing");
    CPPUNIT_ASSERT(started && started->status == "ongoing" && started->start_time);
    CPPUNIT_ASSERT(!meetings_->transition(m.id, "scheduled", "ongoing"));
    auto ended = meetings_->transition(m.id, "ongoing", "ended");
    CPPUNIT_ASSERT(ended && ended->end_time);
    CPPUNIT_ASSERT_EQUAL(std::string("left"), participants_->find(m.id, 7)->status);
    CPPUNIT_ASSERT_EQUAL(409,
                         status_of([&] { participants_->join(m.id, 8, kRoleParticipant, false); }));
    CPPUNIT_ASSERT(meetings_->remove(m.id));
    CPPUNIT_ASSERT(!participants_->find(m.id, 7));  // cascaded
    CPPUNIT_ASSERT(!meetings_->find(std::to_string(m.id)));
  }

 private:
  MeetingRecord make(const std::string &title, int64_t creator, int64_t seats) {
    MeetingRecord draft;
    draft.meeting_id = "mtg-test-" + std::to_string(++serial_);
    draft.room_id = draft.meeting_id;
    draft.title = title;
    draft.creator_id = creator;
    draft.max_participants = seats;
    draft.meeting_type = "video";
    MeetingRecord stored = meetings_->insert(draft);
    CPPUNIT_ASSERT_EQUAL(stored.id, meetings_->find(stored.meeting_id)->id);
    return stored;
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<MeetingStore> meetings_;
  std::unique_ptr<ParticipantStore> participants_;
  int serial_ = 0;
};

CPPUNIT_TEST_SUITE_REGISTRATION(StoreTest);
