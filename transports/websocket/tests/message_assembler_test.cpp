#include "message_assembler.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "client_message.hpp"

using meetgate::transport::MessageAssembler;
using meetgate::transport::parse_client_message;
using Result = MessageAssembler::Result;

class MessageAssemblerTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MessageAssemblerTest);
  CPPUNIT_TEST(singlePieceCompletes);
  CPPUNIT_TEST(fragmentsAreJoined);
  CPPUNIT_TEST(exactlyTheLimitIsAccepted);
  CPPUNIT_TEST(oneByteOverTheLimitIsRefusedAtOnce);
  CPPUNIT_TEST(nextMessageStartsClean);
  CPPUNIT_TEST(binaryMessagesAreReportedNotBuffered);
  CPPUNIT_TEST(clientMessagesMustBeJsonObjects);
  CPPUNIT_TEST_SUITE_END();

 public:
  void singlePieceCompletes() {
    MessageAssembler assembler(100);
    CPPUNIT_ASSERT(assembler.feed("{}", 2, true, true, false) == Result::kComplete);
    CPPUNIT_ASSERT_EQUAL(std::string("{}"), assembler.take());
  }

  void fragmentsAreJoined() {
    MessageAssembler assembler(100);
    CPPUNIT_ASSERT(assembler.feed("{\"a\"", 4, true, false, false) == Result::kNeedMore);
    CPPUNIT_ASSERT(assembler.feed(":", 1, false, false, false) == Result::kNeedMore);
    CPPUNIT_ASSERT(assembler.feed("1}", 2, false, true, false) == Result::kComplete);
    CPPUNIT_ASSERT_EQUAL(std::string("{\"a\":1}"), assembler.take());
  }

  void exactlyTheLimitIsAccepted() {
    MessageAssembler assembler(10);
    std::string half(5, 'x');
    CPPUNIT_ASSERT(assembler.feed(half.data(), 5, true, false, false) == Result::kNeedMore);
    CPPUNIT_ASSERT(assembler.feed(half.data(), 5, false, true, false) == Result::kComplete);
    CPPUNIT_ASSERT_EQUAL(size_t(10), assembler.take().size());
  }

  void oneByteOverTheLimitIsRefusedAtOnce() {
    MessageAssembler assembler(10);
    std::string piece(6, 'x');
    CPPUNIT_ASSERT(assembler.feed(piece.data(), 6, true, false, false) == Result::kNeedMore);
    // Reported on the piece that crosses the limit, before the message ends.
    CPPUNIT_ASSERT(assembler.feed(piece.data(), 5, false, false, false) == Result::kTooLarge);
    CPPUNIT_ASSERT_EQUAL(size_t(0), assembler.buffered());
    // The rest of that message is dropped without being kept.
    CPPUNIT_ASSERT(assembler.feed(piece.data(), 6, false, true, false) == Result::kNeedMore);
    CPPUNIT_ASSERT_EQUAL(size_t(0), assembler.buffered());
  }

  void nextMessageStartsClean() {
    MessageAssembler assembler(4);
    CPPUNIT_ASSERT(assembler.feed("123456", 6, true, true, false) == Result::kTooLarge);
    CPPUNIT_ASSERT(assembler.feed("{}", 2, true, true, false) == Result::kComplete);
    CPPUNIT_ASSERT_EQUAL(std::string("{}"), assembler.take());
  }

  void binaryMessagesAreReportedNotBuffered() {
    MessageAssembler assembler(100);
    CPPUNIT_ASSERT(assembler.feed("\x01\x02", 2, true, false, true) == Result::kNeedMore);
    CPPUNIT_ASSERT_EQUAL(size_t(0), assembler.buffered());
    CPPUNIT_ASSERT(assembler.feed("\x03", 1, false, true, true) == Result::kBinary);
    CPPUNIT_ASSERT(assembler.feed("{}", 2, true, true, false) == Result::kComplete);
  }

  void clientMessagesMustBeJsonObjects() {
    auto good = parse_client_message("{\"type\":\"join\",\"transaction\":\"t1\"}");
    CPPUNIT_ASSERT(good.object != nullptr);
    CPPUNIT_ASSERT_EQUAL(0, good.code);
    auto broken = parse_client_message("{\"type\":");
    CPPUNIT_ASSERT(broken.object == nullptr);
    CPPUNIT_ASSERT_EQUAL(400, broken.code);
    CPPUNIT_ASSERT_EQUAL(std::string("malformed JSON"), broken.message);
    CPPUNIT_ASSERT(broken.details.find("line 1") != std::string::npos);
    for (const char *other : {"[1,2]", "\"text\"", "42", "null", "true"}) {
      auto parsed = parse_client_message(other);
      CPPUNIT_ASSERT(parsed.object == nullptr);
      CPPUNIT_ASSERT_EQUAL(400, parsed.code);
      CPPUNIT_ASSERT_EQUAL(std::string("message must be a JSON object"), parsed.message);
    }
    CPPUNIT_ASSERT(parse_client_message("{\"a\":\"\xff\"}").object == nullptr);  // bad UTF-8
    CPPUNIT_ASSERT(parse_client_message("").object == nullptr);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MessageAssemblerTest);
