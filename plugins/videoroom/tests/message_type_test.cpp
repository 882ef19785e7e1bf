#include "message_type.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "json_ref.hpp"

using namespace meetgate::videoroom;

class MessageTypeTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MessageTypeTest);
  CPPUNIT_TEST(namesAndNumbersRoundTrip);
  CPPUNIT_TEST(originalIntegersMatchTheTable);
  CPPUNIT_TEST(unknownTypesAreRefused);
  CPPUNIT_TEST(typeJsonFollowsTheForm);
  CPPUNIT_TEST_SUITE_END();

 public:
  void namesAndNumbersRoundTrip() {
    for (int number = 1; number <= 19; ++number) {
      auto type = type_from_number(number);
      CPPUNIT_ASSERT(type.has_value());
      CPPUNIT_ASSERT_EQUAL(number, type_number(*type));
      auto by_name = type_from_name(type_name(*type));
      CPPUNIT_ASSERT(by_name == type);
    }
  }

  void originalIntegersMatchTheTable() {
    const char *names[] = {"offer",        "answer",        "ice-candidate", "join-room",
                           "leave-room",   "user-joined",   "user-left",     "chat",
                           "screen-share", "media-control", "ping",          "pong",
                           "error",        "room-info"};
    for (int i = 0; i < 14; ++i) {
      CPPUNIT_ASSERT_EQUAL(std::string(names[i]), std::string(type_name(*type_from_number(i + 1))));
    }
    CPPUNIT_ASSERT(type_from_name("candidate") == MessageType::kIceCandidate);
    CPPUNIT_ASSERT_EQUAL(18, type_number(*type_from_name("recording")));
    CPPUNIT_ASSERT_EQUAL(19, type_number(*type_from_name("ai-result")));
  }

  void unknownTypesAreRefused() {
    CPPUNIT_ASSERT(!type_from_number(0));
    CPPUNIT_ASSERT(!type_from_number(20));
    CPPUNIT_ASSERT(!type_from_name("dance"));
    JsonRef real = adopt(json_real(1.0));
    CPPUNIT_ASSERT(!parse_type(real.get()));
    CPPUNIT_ASSERT(!parse_type(nullptr));
  }

  void typeJsonFollowsTheForm() {
    JsonRef number = adopt(type_json(MessageType::kRoomInfo, TypeForm::kInteger));
    CPPUNIT_ASSERT_EQUAL(json_int_t{14}, json_integer_value(number.get()));
    JsonRef name = adopt(type_json(MessageType::kRoomInfo, TypeForm::kName));
    CPPUNIT_ASSERT_EQUAL(std::string("room-info"), std::string(json_string_value(name.get())));
    JsonRef seven = adopt(json_integer(7));
    auto parsed = parse_type(seven.get());
    CPPUNIT_ASSERT(parsed && parsed->type == MessageType::kUserLeft &&
                   parsed->form == TypeForm::kInteger);
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(MessageTypeTest);
