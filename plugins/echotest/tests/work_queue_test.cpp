#include "work_queue.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <thread>
#include <vector>

using meetgate::echotest::WorkQueue;

class WorkQueueTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WorkQueueTest);
  CPPUNIT_TEST(runsJobsInOrderOffTheCallerThread);
  CPPUNIT_TEST(drainsQueuedJobsOnDestruction);
  CPPUNIT_TEST(jobsMayPostJobs);
  CPPUNIT_TEST_SUITE_END();

 public:
  void runsJobsInOrderOffTheCallerThread() {
    std::vector<int> order;
    std::thread::id worker_thread;
    {
      WorkQueue queue;
      for (int i = 0; i < 100; ++i) {
        queue.post([&order, &worker_thread, i] {
          order.push_back(i);
          worker_thread = std::this_thread::get_id();
        });
      }
    }  // the destructor drains and joins
    CPPUNIT_ASSERT_EQUAL(size_t(100), order.size());
    for (int i = 0; i < 100; ++i) CPPUNIT_ASSERT_EQUAL(i, order[i]);
    CPPUNIT_ASSERT(worker_thread != std::this_thread::get_id());
  }

  void drainsQueuedJobsOnDestruction() {
    std::atomic<int> ran{0};
    {
      WorkQueue queue;
      // The first job blocks the worker until every job is queued, so the
      // destructor starts with jobs still pending.
      std::atomic<bool> release{false};
      queue.post([&] {
        while (!release.load()) std::this_thread::yield();
        ran++;
      });
      for (int i = 0; i < 10; ++i) queue.post([&] { ran++; });
      release = true;
    }
    CPPUNIT_ASSERT_EQUAL(11, ran.load());
  }

  void jobsMayPostJobs() {
    std::atomic<int> ran{0};
    {
      WorkQueue queue;
      queue.post([&] {
        ran++;
        queue.post([&] { ran++; });
      });
    }
    CPPUNIT_ASSERT_EQUAL(2, ran.load());
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(WorkQueueTest);
