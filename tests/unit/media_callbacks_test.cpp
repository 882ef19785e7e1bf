// Every media member of the plugin callbacks is callable, whatever the
// engine filled in: a plugin never jumps through a null pointer.
#include <cppunit/extensions/HelperMacros.h>

#include "gateway_fixture.hpp"
#include "media_fallbacks.hpp"

using namespace meetgate;

class MediaCallbacksTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MediaCallbacksTest);
  CPPUNIT_TEST(every_member_is_set);
  CPPUNIT_TEST(fallbacks_refuse_with_a_message);
  CPPUNIT_TEST_SUITE_END();

 public:
  void every_member_is_set() {
    test::TempDir dir;
    core::Gateway gateway(test::test_config(dir, dir.str()));
    const mg_core_callbacks &c = gateway.plugin_callbacks();
    const void *members[] = {reinterpret_cast<const void *>(c.log),
                             reinterpret_cast<const void *>(c.setting),
                             reinterpret_cast<const void *>(c.pc_create),
                             reinterpret_cast<const void *>(c.pc_set_remote_description),
                             reinterpret_cast<const void *>(c.pc_create_answer),
                             reinterpret_cast<const void *>(c.pc_create_offer),
                             reinterpret_cast<const void *>(c.pc_add_candidate),
                             reinterpret_cast<const void *>(c.pc_close),
                             reinterpret_cast<const void *>(c.relay_rtp),
                             reinterpret_cast<const void *>(c.relay_rtcp),
                             reinterpret_cast<const void *>(c.relay_data),
                             reinterpret_cast<const void *>(c.request_keyframe),
                             reinterpret_cast<const void *>(c.producer_create),
                             reinterpret_cast<const void *>(c.producer_close),
                             reinterpret_cast<const void *>(c.producer_pause),
                             reinterpret_cast<const void *>(c.consumer_create),
                             reinterpret_cast<const void *>(c.consumer_close),
                             reinterpret_cast<const void *>(c.consumer_pause),
                             reinterpret_cast<const void *>(c.consumer_set_layers),
                             reinterpret_cast<const void *>(c.producer_stats),
                             reinterpret_cast<const void *>(c.consumer_stats)};
    for (const void *member : members) CPPUNIT_ASSERT(member != nullptr);
  }
  void fallbacks_refuse_with_a_message() {
    mg_core_callbacks callbacks{};
    core::fill_missing_media_callbacks(callbacks);
    json_t *error = nullptr;
    CPPUNIT_ASSERT_EQUAL(mg_pc_id(0), callbacks.pc_create(nullptr, nullptr, nullptr, &error));
    CPPUNIT_ASSERT(json_is_string(error));
    json_decref(error);
    error = nullptr;
    CPPUNIT_ASSERT_EQUAL(503, callbacks.pc_set_remote_description(1, nullptr, &error));
    json_decref(error);
    error = nullptr;
    CPPUNIT_ASSERT(callbacks.pc_create_answer(1, nullptr, &error) == nullptr);
    CPPUNIT_ASSERT(json_is_string(error));
    json_decref(error);
    CPPUNIT_ASSERT(callbacks.producer_stats(1) == nullptr);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MediaCallbacksTest);
