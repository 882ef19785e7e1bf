#include "route_table.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "ws_path_table.hpp"

using meetgate::core::RouteTable;
using meetgate::core::WsPathTable;

namespace {
mg_plugin plugin_a{}, plugin_b{};
std::string owner_prefix(const RouteTable &table, const char *path) {
  auto match = table.match(path);
  return match ? match->prefix : "<none>";
}
}  // namespace

class RouteTableTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RouteTableTest);
  CPPUNIT_TEST(exact_and_below);
  CPPUNIT_TEST(no_partial_segment_match);
  CPPUNIT_TEST(longest_prefix_wins);
  CPPUNIT_TEST(conflicts_are_refused);
  CPPUNIT_TEST(malformed_prefixes_are_refused);
  CPPUNIT_TEST(remove_owner);
  CPPUNIT_TEST(root_prefix);
  CPPUNIT_TEST(ws_paths_are_exact);
  CPPUNIT_TEST_SUITE_END();

 public:
  void exact_and_below() {
    RouteTable table;
    CPPUNIT_ASSERT(table.add("/api/v1/meetings", &plugin_a, 10));
    CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/meetings"), owner_prefix(table, "/api/v1/meetings"));
    CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/meetings"),
                         owner_prefix(table, "/api/v1/meetings/42/join"));
    CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/meetings"), owner_prefix(table, "/api/v1/meetings/"));
    CPPUNIT_ASSERT(table.match("/api/v1/meetings")->owner == &plugin_a);
    CPPUNIT_ASSERT_EQUAL(size_t(10), table.match("/api/v1/meetings/1")->max_body);
  }
  void no_partial_segment_match() {
    RouteTable table;
    table.add("/api/v1/meetings", &plugin_a, 0);
    CPPUNIT_ASSERT(!table.match("/api/v1/meetingsX"));
    CPPUNIT_ASSERT(!table.match("/api/v1/meeting"));
    CPPUNIT_ASSERT(!table.match("/api/v1"));
    CPPUNIT_ASSERT(!table.match("/api/v1/meetingsX/1"));
  }
  void longest_prefix_wins() {
    RouteTable table;
    table.add("/api/v1", &plugin_a, 0);
    table.add("/api/v1/meetings", &plugin_b, 0);
    CPPUNIT_ASSERT(table.match("/api/v1/meetings/3")->owner == &plugin_b);
    CPPUNIT_ASSERT(table.match("/api/v1/meetingsX")->owner == &plugin_a);
    CPPUNIT_ASSERT(table.match("/api/v1/login")->owner == &plugin_a);
  }
  void conflicts_are_refused() {
    RouteTable table;
    CPPUNIT_ASSERT(table.add("/api/v1/login", &plugin_a, 0));
    CPPUNIT_ASSERT(!table.add("/api/v1/login", &plugin_b, 0));
    CPPUNIT_ASSERT(table.match("/api/v1/login")->owner == &plugin_a);
    CPPUNIT_ASSERT_EQUAL(size_t(1), table.all().size());
  }
  void malformed_prefixes_are_refused() {
    RouteTable table;
    for (const char *bad : {"", "api", "/api/", "/a?b", "/a b", "/a*"}) {
      CPPUNIT_ASSERT_MESSAGE(bad, !table.add(bad, &plugin_a, 0));
    }
    CPPUNIT_ASSERT(table.all().empty());
  }
  void remove_owner() {
    RouteTable table;
    table.add("/a", &plugin_a, 0);
    table.add("/b", &plugin_b, 0);
    table.add("/a2", &plugin_a, 0);
    table.remove_owner(&plugin_a);
    CPPUNIT_ASSERT(!table.match("/a"));
    CPPUNIT_ASSERT(table.match("/b/c")->owner == &plugin_b);
    CPPUNIT_ASSERT(table.add("/a", &plugin_b, 0));
  }
  void root_prefix() {
    RouteTable table;
    table.add("/", &plugin_a, 0);
    table.add("/x", &plugin_b, 0);
    CPPUNIT_ASSERT(table.match("/anything/at/all")->owner == &plugin_a);
    CPPUNIT_ASSERT(table.match("/")->owner == &plugin_a);
    CPPUNIT_ASSERT(table.match("/x/y")->owner == &plugin_b);
  }
  void ws_paths_are_exact() {
    WsPathTable paths;
    CPPUNIT_ASSERT(paths.add("/ws/signaling", &plugin_a));
    CPPUNIT_ASSERT(!paths.add("/ws/signaling", &plugin_b));
    CPPUNIT_ASSERT(!paths.add("ws", &plugin_b));
    CPPUNIT_ASSERT(paths.owner_of("/ws/signaling") == &plugin_a);
    CPPUNIT_ASSERT(paths.owner_of("/ws/signaling/x") == nullptr);
    CPPUNIT_ASSERT(paths.owner_of("/ws/signalingX") == nullptr);
    paths.remove_owner(&plugin_a);
    CPPUNIT_ASSERT(paths.owner_of("/ws/signaling") == nullptr);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RouteTableTest);
