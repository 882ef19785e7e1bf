// WorkerPool: runs jobs off the caller's thread, refuses past its queue
// limit, and answers everything it accepted before stop() returns.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <chrono>
#include <future>
#include <meetgate/pluginkit/worker_pool.hpp>

using meetgate::pluginkit::WorkerPool;

class WorkerPoolTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WorkerPoolTest);
  CPPUNIT_TEST(runsJobsOnItsOwnThreads);
  CPPUNIT_TEST(refusesPastTheQueueLimit);
  CPPUNIT_TEST(stopRunsWhatIsQueued);
  CPPUNIT_TEST_SUITE_END();

 public:
  void runsJobsOnItsOwnThreads() {
    WorkerPool pool(0);  // still one thread
    std::promise<std::thread::id> ran;
    auto id = ran.get_future();
    CPPUNIT_ASSERT(pool.submit([&] { ran.set_value(std::this_thread::get_id()); }));
    CPPUNIT_ASSERT(id.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CPPUNIT_ASSERT(id.get() != std::this_thread::get_id());
  }

  void refusesPastTheQueueLimit() {
    std::promise<void> release;
    std::shared_future<void> gate = release.get_future().share();
    std::promise<void> started;
    std::atomic<int> done{0};
    {
      WorkerPool pool(1, 2);
      // The one worker blocks on the gate, so the next two fill the queue.
      CPPUNIT_ASSERT(pool.submit([&] {
        started.set_value();
        gate.wait();
        ++done;
      }));
      CPPUNIT_ASSERT(started.get_future().wait_for(std::chrono::seconds(10)) ==
                     std::future_status::ready);
      CPPUNIT_ASSERT(pool.submit([&] { ++done; }));
      CPPUNIT_ASSERT(pool.submit([&] { ++done; }));
      CPPUNIT_ASSERT(!pool.submit([&] { ++done; }));
      release.set_value();
    }
    CPPUNIT_ASSERT_EQUAL(3, done.load());
  }

  void stopRunsWhatIsQueued() {
    std::atomic<int> done{0};
    WorkerPool pool(2);
    for (int i = 0; i < 50; ++i) CPPUNIT_ASSERT(pool.submit([&] { ++done; }));
    pool.stop();
    CPPUNIT_ASSERT_EQUAL(50, done.load());
    CPPUNIT_ASSERT(!pool.submit([&] { ++done; }));
    pool.stop();  // idempotent
    CPPUNIT_ASSERT_EQUAL(50, done.load());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WorkerPoolTest);
