#include "send_queue.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "ws_connection.hpp"

using meetgate::transport::SendQueue;
using meetgate::transport::WsConnection;
using Kind = WsConnection::NextStep::Kind;

class SendQueueTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SendQueueTest);
  CPPUNIT_TEST(queueKeepsHeadroomAndOrder);
  CPPUNIT_TEST(queueRefusesBeyondItsBound);
  CPPUNIT_TEST(fullConnectionQueueClosesAtOnce);
  CPPUNIT_TEST(closeAfterFlushSendsQueuedFirst);
  CPPUNIT_TEST(immediateCloseDropsQueued);
  CPPUNIT_TEST(closedConnectionRefusesMessages);
  CPPUNIT_TEST_SUITE_END();

 public:
  void queueKeepsHeadroomAndOrder() {
    SendQueue queue(3, 16);
    CPPUNIT_ASSERT(queue.push("a"));
    CPPUNIT_ASSERT(queue.push("bc"));
    auto first = queue.pop();
    CPPUNIT_ASSERT(first.has_value());
    CPPUNIT_ASSERT_EQUAL(size_t(17), first->size());
    CPPUNIT_ASSERT_EQUAL(std::string("a"), first->substr(16));
    CPPUNIT_ASSERT_EQUAL(std::string("bc"), queue.pop()->substr(16));
    CPPUNIT_ASSERT(!queue.pop().has_value());
  }

  void queueRefusesBeyondItsBound() {
    SendQueue queue(2, 0);
    CPPUNIT_ASSERT(queue.push("1"));
    CPPUNIT_ASSERT(queue.push("2"));
    CPPUNIT_ASSERT(!queue.push("3"));
    CPPUNIT_ASSERT_EQUAL(size_t(2), queue.size());
    queue.pop();
    CPPUNIT_ASSERT(queue.push("3"));
  }

  void fullConnectionQueueClosesAtOnce() {
    WsConnection connection(nullptr, 2, 1024, "rid");
    CPPUNIT_ASSERT(connection.enqueue("1") == WsConnection::Enqueued::kQueued);
    CPPUNIT_ASSERT(connection.enqueue("2") == WsConnection::Enqueued::kQueued);
    CPPUNIT_ASSERT(connection.enqueue("3") == WsConnection::Enqueued::kFull);
    CPPUNIT_ASSERT(connection.close_requested());
    CPPUNIT_ASSERT_EQUAL(size_t(0), connection.queued());  // memory released
    auto step = connection.next_step();
    CPPUNIT_ASSERT(step.kind == Kind::kClose);
    CPPUNIT_ASSERT_EQUAL(1008, step.close_status);
    CPPUNIT_ASSERT_EQUAL(std::string("send queue full"), step.close_reason);
  }

  void closeAfterFlushSendsQueuedFirst() {
    WsConnection connection(nullptr, 8, 1024, "rid");
    connection.enqueue("bye-notice");
    connection.request_close(1000, "kicked", true);
    auto write = connection.next_step();
    CPPUNIT_ASSERT(write.kind == Kind::kWrite);
    CPPUNIT_ASSERT(write.more);  // the close is still to come
    CPPUNIT_ASSERT(write.entry.find("bye-notice") != std::string::npos);
    auto close = connection.next_step();
    CPPUNIT_ASSERT(close.kind == Kind::kClose);
    CPPUNIT_ASSERT_EQUAL(std::string("kicked"), close.close_reason);
  }

  void immediateCloseDropsQueued() {
    WsConnection connection(nullptr, 8, 1024, "rid");
    connection.enqueue("x");
    connection.request_close(1001, "shutting down", false);
    CPPUNIT_ASSERT(connection.next_step().kind == Kind::kClose);
  }

  void closedConnectionRefusesMessages() {
    WsConnection connection(nullptr, 8, 1024, "rid");
    CPPUNIT_ASSERT(connection.next_step().kind == Kind::kNothing);
    connection.request_close(1000, "done", true);
    CPPUNIT_ASSERT(connection.enqueue("late") == WsConnection::Enqueued::kClosed);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SendQueueTest);
