// The bounded task queue: refuses beyond its capacity, frees on release,
// and stays exact under concurrent use.
#include "task_limit.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <thread>
#include <vector>

namespace meetgate::ai {

class TaskLimitTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TaskLimitTest);
  CPPUNIT_TEST(refusesBeyondCapacity);
  CPPUNIT_TEST(concurrentAcquireNeverOvershoots);
  CPPUNIT_TEST_SUITE_END();

 public:
  void refusesBeyondCapacity() {
    TaskLimit limit(2);
    CPPUNIT_ASSERT(limit.try_acquire());
    CPPUNIT_ASSERT(limit.try_acquire());
    CPPUNIT_ASSERT(!limit.try_acquire());
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), limit.in_flight());
    limit.release();
    CPPUNIT_ASSERT(limit.try_acquire());
    CPPUNIT_ASSERT(!limit.try_acquire());
    limit.release();
    limit.release();
    limit.release();  // an extra release never underflows
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), limit.in_flight());
  }

  void concurrentAcquireNeverOvershoots() {
    TaskLimit limit(10);
    std::atomic<int> granted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 100; ++i)
          if (limit.try_acquire()) granted.fetch_add(1);
      });
    for (auto &thread : threads) thread.join();
    CPPUNIT_ASSERT_EQUAL(10, granted.load());
    CPPUNIT_ASSERT_EQUAL(std::size_t(10), limit.in_flight());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskLimitTest);

}  // namespace meetgate::ai
