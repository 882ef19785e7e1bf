// The bus between nodes over a real redis-server (started on a free port).
#include "redis_bus_link.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gateway_fixture.hpp"
#include "log_capture.hpp"

using namespace meetgate::core;

namespace {

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool port_open(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool open = connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
  close(fd);
  return open;
}

// A private redis-server, stopped with the object.
class RedisServer {
 public:
  RedisServer() : port_(free_port()) {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string port = std::to_string(port_);
      execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--loglevel", "warning",
             static_cast<char *>(nullptr));
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!port_open(port_)) {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("redis-server did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~RedisServer() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }

 private:
  int port_;
  pid_t pid_;
};

// Records the topics one bus delivered, safely across threads.
struct Recorder {
  std::mutex mutex;
  std::vector<std::string> seen;
  EventBus::Handler handler() {
    return [this](const std::string &topic, const json_t *event) {
      std::lock_guard lock(mutex);
      seen.push_back(topic + "#" + std::to_string(json_integer_value(json_object_get(event, "n"))));
    };
  }
  size_t wait_for(size_t count, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      {
        std::lock_guard lock(mutex);
        if (seen.size() >= count || std::chrono::steady_clock::now() > deadline) return seen.size();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
};

void link(EventBus &bus, RedisBusLink &link) {
  bus.set_forwarder(
      [&link](const std::string &topic, const json_t *event) { link.forward(topic, event); });
}

}  // namespace

class RedisBusLinkTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RedisBusLinkTest);
  CPPUNIT_TEST(events_cross_nodes_once_and_in_order);
  CPPUNIT_TEST(malformed_url_is_refused);
  CPPUNIT_TEST(redis_down_keeps_local_delivery);
  CPPUNIT_TEST(gateway_plugins_get_other_nodes_events);
  CPPUNIT_TEST_SUITE_END();

 public:
  void events_cross_nodes_once_and_in_order() {
    RedisServer redis;
    Recorder on_a, on_b;  // outlives the buses that call it
    EventBus bus_a, bus_b;
    RedisBusLink link_a(bus_a, redis.url(), "node-a"), link_b(bus_b, redis.url(), "node-b");
    std::string error;
    CPPUNIT_ASSERT(link_a.start(error) && link_b.start(error));
    link(bus_a, link_a);
    link(bus_b, link_b);
    CPPUNIT_ASSERT(link_a.wait_subscribed(5000) && link_b.wait_subscribed(5000));
    int subscriber = 0;
    bus_a.subscribe(&subscriber, "meeting.*", on_a.handler());
    bus_b.subscribe(&subscriber, "meeting.*", on_b.handler());
    for (int n = 0; n < 200; ++n) {
      JsonPtr event = adopt_json(json_pack("{s:i}", "n", n));
      bus_a.publish("meeting.ended", event.get());
    }
    JsonPtr other = adopt_json(json_pack("{s:i}", "n", 7));
    bus_b.publish("participant.joined", other.get());  // no subscriber on that topic
    bus_b.publish("meeting.started", other.get());
    CPPUNIT_ASSERT_EQUAL(size_t(201), on_b.wait_for(201, 5000));
    CPPUNIT_ASSERT_EQUAL(size_t(201), on_a.wait_for(201, 5000));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // would a duplicate show up?
    std::lock_guard lock_a(on_a.mutex), lock_b(on_b.mutex);
    CPPUNIT_ASSERT_EQUAL(size_t(201), on_a.seen.size());
    CPPUNIT_ASSERT_EQUAL(size_t(201), on_b.seen.size());
    std::vector<std::string> expected;
    for (int n = 0; n < 200; ++n) expected.push_back("meeting.ended#" + std::to_string(n));
    std::vector<std::string> a_from_a(on_a.seen.begin(), on_a.seen.end());
    std::erase(a_from_a, "meeting.started#7");
    std::vector<std::string> b_from_a(on_b.seen.begin(), on_b.seen.end());
    std::erase(b_from_a, "meeting.started#7");
    CPPUNIT_ASSERT(a_from_a == expected);
    CPPUNIT_ASSERT(b_from_a == expected);
  }

  void malformed_url_is_refused() {
    EventBus bus;
    std::string error;
    for (const char *url : {"http://x", "redis://host:port", "redis://h:1/db", "redis://h:70000"}) {
      RedisBusLink link(bus, url, "x");
      CPPUNIT_ASSERT_MESSAGE(url, !link.start(error));
      CPPUNIT_ASSERT(error.find("malformed redis.url") != std::string::npos);
    }
  }

  void redis_down_keeps_local_delivery() {
    Recorder local;
    EventBus bus;
    RedisBusLink link_down(bus, "redis://127.0.0.1:" + std::to_string(free_port()), "lonely");
    std::string error;
    CPPUNIT_ASSERT(link_down.start(error));
    link(bus, link_down);
    int subscriber = 0;
    bus.subscribe(&subscriber, "*", local.handler());
    JsonPtr event = adopt_json(json_pack("{s:i}", "n", 1));
    CPPUNIT_ASSERT(bus.publish("meeting.ended", event.get()));
    CPPUNIT_ASSERT_EQUAL(size_t(1), local.wait_for(1, 2000));
    CPPUNIT_ASSERT(!link_down.wait_subscribed(50));
    const auto began = std::chrono::steady_clock::now();
    link_down.stop();
    CPPUNIT_ASSERT(std::chrono::steady_clock::now() - began < std::chrono::seconds(3));
  }

  void gateway_plugins_get_other_nodes_events() {
    RedisServer redis;
    meetgate::test::TempDir dir;
    meetgate::test::LogCapture log;
    CoreConfig config = meetgate::test::test_config(dir, MEETGATE_FIXTURE_PLUGIN_DIR);
    config.redis_url = redis.url();
    Gateway gateway(std::move(config));
    gateway.load_plugins();
    CPPUNIT_ASSERT(gateway.redis_link() && gateway.redis_link()->wait_subscribed(5000));
    EventBus other_bus;
    RedisBusLink other(other_bus, redis.url(), "other-node");
    std::string error;
    CPPUNIT_ASSERT(other.start(error));
    link(other_bus, other);
    JsonPtr event = adopt_json(json_pack("{s:s}", "from", "other"));
    other_bus.publish("fixture.remote", event.get());
    mg_plugin *plugin = gateway.find_plugin("fixture_good");
    JsonPtr ask = adopt_json(json_object());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::string last_topic;
    while (last_topic != "fixture.remote" && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      JsonPtr answer = adopt_json(plugin->handle_admin_message(ask.get()));
      last_topic = json_string_value(json_object_get(answer.get(), "last_topic"));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("fixture.remote"), last_topic);
    // One line per link: the gateway's and the other node's.
    CPPUNIT_ASSERT_EQUAL(size_t(2), log.count({"redis bus: subscribed to meetgate:bus"}));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisBusLinkTest);
