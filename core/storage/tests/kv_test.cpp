// The KeyValue API on the in-process store, and on a real Redis when
// MEETGATE_TEST_REDIS_URL is set; plus the Redis outage fallback.
#include <cppunit/extensions/HelperMacros.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <meetgate/storage/kv.hpp>
#include <meetgate/storage/url.hpp>
#include <thread>

#include "redis_kv.hpp"
#include "test_env.hpp"

using namespace meetgate::storage;
using namespace std::chrono_literals;

namespace {

// Polls `condition` until it holds or `deadline` passes.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return condition();
}

// A TCP port with nothing listening on it (bound then closed).
int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

class KeyValueTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(KeyValueTest);
  CPPUNIT_TEST(setGetDelete);
  CPPUNIT_TEST(ttlReportsAndExpires);
  CPPUNIT_TEST(incrementsWithAWindow);
  CPPUNIT_TEST(incrementIsAtomic);
  CPPUNIT_TEST(setsOfMembers);
  CPPUNIT_TEST(unreachableRedisFallsBackAndLogsOnce);
  CPPUNIT_TEST(lostRedisConnectionRecovers);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    kv_ = KeyValue::open(test::redis_url());
    prefix_ = "kvtest:" + std::to_string(::getpid()) + ":" + std::to_string(++counter_) + ":";
  }

  void setGetDelete() {
    CPPUNIT_ASSERT_EQUAL(!test::redis_url().empty(), kv_->is_redis());
    CPPUNIT_ASSERT(!kv_->get(key("a")));
    kv_->set(key("a"), std::string("one\0two", 7));
    CPPUNIT_ASSERT_EQUAL(std::string("one\0two", 7), kv_->get(key("a")).value_or(""));
    CPPUNIT_ASSERT(kv_->exists(key("a")));
    kv_->set(key("a"), "replaced");
    CPPUNIT_ASSERT_EQUAL(std::string("replaced"), kv_->get(key("a")).value_or(""));
    kv_->del(key("a"));
    CPPUNIT_ASSERT(!kv_->exists(key("a")));
    kv_->del(key("never-there"));  // no error
  }

  void ttlReportsAndExpires() {
    kv_->set(key("forever"), "x");
    CPPUNIT_ASSERT_EQUAL(int64_t{-1}, kv_->ttl(key("forever")));
    CPPUNIT_ASSERT_EQUAL(int64_t{-2}, kv_->ttl(key("missing")));
    kv_->set(key("long"), "x", 100s);
    int64_t left = kv_->ttl(key("long"));
    CPPUNIT_ASSERT(left > 95 && left <= 100);
    kv_->set(key("short"), "x", 1s);
    CPPUNIT_ASSERT(kv_->exists(key("short")));
    CPPUNIT_ASSERT(eventually([&] { return !kv_->exists(key("short")); }, 3000ms));
    CPPUNIT_ASSERT(!kv_->get(key("short")));
  }

  void incrementsWithAWindow() {
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, kv_->incr(key("n"), 1, 60s));
    CPPUNIT_ASSERT_EQUAL(int64_t{6}, kv_->incr(key("n"), 5, 60s));
    int64_t left = kv_->ttl(key("n"));
    CPPUNIT_ASSERT(left > 55 && left <= 60);
    CPPUNIT_ASSERT_EQUAL(int64_t{4}, kv_->incr(key("n"), -2, 60s));
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, kv_->incr(key("no-ttl"), 1, 0s));
    CPPUNIT_ASSERT_EQUAL(int64_t{-1}, kv_->ttl(key("no-ttl")));
    kv_->set(key("text"), "abc");
    CPPUNIT_ASSERT_THROW(kv_->incr(key("text"), 1, 0s), Error);
  }

  void incrementIsAtomic() {
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 50; ++i) kv_->incr(key("shared"), 1, 60s);
      });
    for (auto &thread : threads) thread.join();
    CPPUNIT_ASSERT_EQUAL(std::string("400"), kv_->get(key("shared")).value_or(""));
  }

  void setsOfMembers() {
    CPPUNIT_ASSERT_EQUAL(int64_t{0}, kv_->scard(key("s")));
    kv_->sadd(key("s"), "7");
    kv_->sadd(key("s"), "3");
    kv_->sadd(key("s"), "7");
    CPPUNIT_ASSERT_EQUAL(int64_t{2}, kv_->scard(key("s")));
    auto members = kv_->smembers(key("s"));
    CPPUNIT_ASSERT((members == std::vector<std::string>{"3", "7"}));
    kv_->srem(key("s"), "3");
    kv_->srem(key("s"), "nope");
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, kv_->scard(key("s")));
    kv_->srem(key("s"), "7");
    CPPUNIT_ASSERT(!kv_->exists(key("s")));
    kv_->set(key("str"), "x");
    CPPUNIT_ASSERT_THROW(kv_->sadd(key("str"), "m"), Error);
  }

  void unreachableRedisFallsBackAndLogsOnce() {
    std::atomic<int> errors{0};
    auto kv = KeyValue::open("redis://127.0.0.1:" + std::to_string(closed_port()),
                             [&](int level, const std::string &) {
                               if (level == 0) ++errors;
                             });
    CPPUNIT_ASSERT(kv->is_redis());
    kv->set("k", "v");
    CPPUNIT_ASSERT_EQUAL(std::string("v"), kv->get("k").value_or(""));
    CPPUNIT_ASSERT_EQUAL(int64_t{3}, kv->incr("c", 3, 10s));
    kv->sadd("s", "m");
    CPPUNIT_ASSERT_EQUAL(int64_t{1}, kv->scard("s"));
    // Several reconnect attempts happen meanwhile; none is logged again.
    std::this_thread::sleep_for(400ms);
    CPPUNIT_ASSERT_EQUAL(1, errors.load());
  }

  // Kill the store's connection from the server side (CLIENT KILL): the next
  // call falls back, the outage is logged once, and the link comes back.
  void lostRedisConnectionRecovers() {
    if (test::redis_url().empty()) return;  // needs a real Redis
    std::atomic<int> errors{0};
    auto kv = KeyValue::open(test::redis_url(), [&](int level, const std::string &) {
      if (level == 0) ++errors;
    });
    auto *redis = dynamic_cast<RedisKeyValue *>(kv.get());
    CPPUNIT_ASSERT(redis && redis->connected());
    kv->set(key("before"), "1");
    kill_other_clients();
    kv->set(key("during"), "2");  // hits the dead link, then the fallback
    CPPUNIT_ASSERT_EQUAL(1, errors.load());
    CPPUNIT_ASSERT(eventually([&] { return redis->connected(); }, 5000ms));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), kv->get(key("before")).value_or(""));
    kv->del(key("before"));
  }

 private:
  std::string key(const std::string &name) const { return prefix_ + name; }

  static void kill_other_clients() {
    RedisTarget target = parse_redis_url(test::redis_url());
    redisContext *admin = redisConnect(target.host.c_str(), target.port);
    CPPUNIT_ASSERT(admin && !admin->err);
    if (!target.password.empty())
      freeReplyObject(redisCommand(admin, "AUTH %s", target.password.c_str()));
    freeReplyObject(redisCommand(admin, "CLIENT KILL TYPE normal SKIPME yes"));
    redisFree(admin);
  }

  static inline int counter_ = 0;
  std::unique_ptr<KeyValue> kv_;
  std::string prefix_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(KeyValueTest);
