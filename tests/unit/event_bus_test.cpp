#include "event_bus.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "topic_pattern.hpp"

using namespace meetgate::core;

class EventBusTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(EventBusTest);
  CPPUNIT_TEST(patterns);
  CPPUNIT_TEST(delivers_to_matching_subscribers_only);
  CPPUNIT_TEST(keeps_each_publishers_order);
  CPPUNIT_TEST(events_are_deep_copies);
  CPPUNIT_TEST(remove_subscriber_stops_delivery);
  CPPUNIT_TEST(handler_may_publish);
  CPPUNIT_TEST(stop_delivers_queue_then_refuses);
  CPPUNIT_TEST_SUITE_END();

 public:
  void patterns() {
    CPPUNIT_ASSERT(topic_matches("meeting.ended", "meeting.ended"));
    CPPUNIT_ASSERT(!topic_matches("meeting.ended", "meeting.endedX"));
    CPPUNIT_ASSERT(!topic_matches("meeting.ended", "meeting.started"));
    CPPUNIT_ASSERT(topic_matches("meeting.*", "meeting.ended"));
    CPPUNIT_ASSERT(!topic_matches("meeting.*", "participant.joined"));
    CPPUNIT_ASSERT(!topic_matches("meeting.*", "meeting"));
    CPPUNIT_ASSERT(topic_matches("*", "anything.at.all"));
    CPPUNIT_ASSERT(topic_matches("participant*", "participant.left"));
  }

  void delivers_to_matching_subscribers_only() {
    EventBus bus;
    std::mutex mutex;
    std::vector<std::string> a_got, b_got;
    int a = 0, b = 0;
    bus.subscribe(&a, "meeting.*", [&](const std::string &topic, const json_t *) {
      std::lock_guard lock(mutex);
      a_got.push_back(topic);
    });
    bus.subscribe(&b, "participant.joined", [&](const std::string &topic, const json_t *) {
      std::lock_guard lock(mutex);
      b_got.push_back(topic);
    });
    JsonPtr event = adopt_json(json_object());
    for (const char *topic :
         {"meeting.started", "participant.joined", "participant.left", "meeting.ended"}) {
      CPPUNIT_ASSERT(bus.publish(topic, event.get()));
    }
    bus.drain();
    std::lock_guard lock(mutex);
    CPPUNIT_ASSERT(a_got == (std::vector<std::string>{"meeting.started", "meeting.ended"}));
    CPPUNIT_ASSERT(b_got == (std::vector<std::string>{"participant.joined"}));
  }

  void keeps_each_publishers_order() {
    EventBus bus;
    std::map<std::string, std::vector<int>> seen;  // only touched on the bus thread
    int subscriber = 0;
    bus.subscribe(&subscriber, "order.*", [&](const std::string &, const json_t *event) {
      seen[json_string_value(json_object_get(event, "from"))].push_back(
          static_cast<int>(json_integer_value(json_object_get(event, "seq"))));
    });
    auto publisher = [&bus](const char *name) {
      for (int seq = 0; seq < 500; ++seq) {
        JsonPtr event = adopt_json(json_pack("{s:s, s:i}", "from", name, "seq", seq));
        bus.publish("order.test", event.get());
      }
    };
    std::thread first(publisher, "p1"), second(publisher, "p2");
    first.join();
    second.join();
    bus.drain();
    for (const char *name : {"p1", "p2"}) {
      const std::vector<int> &sequence = seen[name];
      CPPUNIT_ASSERT_EQUAL(size_t(500), sequence.size());
      for (int i = 0; i < 500; ++i) CPPUNIT_ASSERT_EQUAL(i, sequence[static_cast<size_t>(i)]);
    }
    CPPUNIT_ASSERT_EQUAL(size_t(1000), bus.delivered_count());
  }

  void events_are_deep_copies() {
    EventBus bus;
    std::string seen;
    int subscriber = 0;
    bus.subscribe(&subscriber, "x", [&](const std::string &, const json_t *event) {
      seen = json_string_value(json_object_get(json_object_get(event, "inner"), "v"));
    });
    JsonPtr event = adopt_json(json_pack("{s:{s:s}}", "inner", "v", "before"));
    bus.publish("x", event.get());
    json_object_set_new(json_object_get(event.get(), "inner"), "v", json_string("after"));
    bus.drain();
    CPPUNIT_ASSERT_EQUAL(std::string("before"), seen);
  }

  void remove_subscriber_stops_delivery() {
    EventBus bus;
    int count = 0, subscriber = 0;
    bus.subscribe(&subscriber, "*", [&](const std::string &, const json_t *) { ++count; });
    JsonPtr event = adopt_json(json_object());
    bus.publish("a", event.get());
    bus.drain();
    bus.remove_subscriber(&subscriber);
    bus.publish("a", event.get());
    bus.drain();
    CPPUNIT_ASSERT_EQUAL(1, count);
  }

  void handler_may_publish() {
    EventBus bus;
    std::vector<std::string> topics;
    int subscriber = 0;
    bus.subscribe(&subscriber, "*", [&](const std::string &topic, const json_t *event) {
      topics.push_back(topic);
      if (topic == "first") bus.publish("second", event);
    });
    JsonPtr event = adopt_json(json_object());
    bus.publish("first", event.get());
    // drain() returns once the queue is empty: "second" was queued before
    // "first"'s delivery ended, so it is delivered too.
    bus.drain();
    CPPUNIT_ASSERT(topics == (std::vector<std::string>{"first", "second"}));
  }

  void stop_delivers_queue_then_refuses() {
    EventBus bus;
    int count = 0, subscriber = 0;
    bus.subscribe(&subscriber, "*", [&](const std::string &, const json_t *) { ++count; });
    JsonPtr event = adopt_json(json_object());
    for (int i = 0; i < 50; ++i) bus.publish("t", event.get());
    bus.stop();
    CPPUNIT_ASSERT_EQUAL(50, count);
    CPPUNIT_ASSERT(!bus.publish("t", event.get()));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventBusTest);
