#include "service_registry.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <cstring>

#include "json_ptr.hpp"

using namespace meetgate::core;

namespace {
mg_plugin provider_a{}, provider_b{};
int double_it(void *opaque, const json_t *request, json_t **response) {
  const json_t *value = json_object_get(request, "n");
  if (!json_is_integer(value)) {
    *response = json_string("n must be an integer");
    return 400;
  }
  *response = json_pack("{s:I, s:s}", "n", 2 * json_integer_value(value), "by",
                        static_cast<const char *>(opaque));
  return 0;
}
int fails_silently(void *, const json_t *, json_t **) {
  return 401;
}
}  // namespace

class ServiceRegistryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ServiceRegistryTest);
  CPPUNIT_TEST(call_passes_request_and_opaque);
  CPPUNIT_TEST(unknown_service_is_503_with_message);
  CPPUNIT_TEST(duplicate_name_is_refused);
  CPPUNIT_TEST(provider_errors_pass_through);
  CPPUNIT_TEST(remove_provider);
  CPPUNIT_TEST_SUITE_END();

 public:
  void call_passes_request_and_opaque() {
    ServiceRegistry registry;
    static const char tag[] = "a";
    CPPUNIT_ASSERT(registry.add("math.double", &provider_a, double_it, const_cast<char *>(tag)));
    JsonPtr request = adopt_json(json_pack("{s:i}", "n", 21));
    json_t *response = nullptr;
    CPPUNIT_ASSERT_EQUAL(0, registry.call("math.double", request.get(), &response));
    JsonPtr owned = adopt_json(response);
    CPPUNIT_ASSERT_EQUAL(42, static_cast<int>(json_integer_value(json_object_get(response, "n"))));
    CPPUNIT_ASSERT_EQUAL(std::string("a"),
                         std::string(json_string_value(json_object_get(response, "by"))));
  }
  void unknown_service_is_503_with_message() {
    ServiceRegistry registry;
    json_t *response = nullptr;
    CPPUNIT_ASSERT_EQUAL(503, registry.call("auth.verify_token", nullptr, &response));
    JsonPtr owned = adopt_json(response);
    CPPUNIT_ASSERT(json_is_string(response));
    CPPUNIT_ASSERT(std::strstr(json_string_value(response), "auth.verify_token") != nullptr);
  }
  void duplicate_name_is_refused() {
    ServiceRegistry registry;
    CPPUNIT_ASSERT(registry.add("x.y", &provider_a, double_it, nullptr));
    CPPUNIT_ASSERT(!registry.add("x.y", &provider_b, fails_silently, nullptr));
    CPPUNIT_ASSERT(!registry.add("", &provider_b, double_it, nullptr));
    CPPUNIT_ASSERT(!registry.add("x.z", &provider_b, nullptr, nullptr));
    CPPUNIT_ASSERT_EQUAL(size_t(1), registry.names().size());
  }
  void provider_errors_pass_through() {
    ServiceRegistry registry;
    registry.add("math.double", &provider_a, double_it, nullptr);
    registry.add("auth.nope", &provider_a, fails_silently, nullptr);
    JsonPtr bad = adopt_json(json_pack("{s:s}", "n", "x"));
    json_t *response = nullptr;
    CPPUNIT_ASSERT_EQUAL(400, registry.call("math.double", bad.get(), &response));
    JsonPtr owned = adopt_json(response);
    CPPUNIT_ASSERT_EQUAL(std::string("n must be an integer"),
                         std::string(json_string_value(response)));
    json_t *silent = nullptr;
    CPPUNIT_ASSERT_EQUAL(401, registry.call("auth.nope", bad.get(), &silent));
    JsonPtr owned_silent = adopt_json(silent);
    CPPUNIT_ASSERT(json_is_string(silent));  // the registry fills a message in
  }
  void remove_provider() {
    ServiceRegistry registry;
    registry.add("a.one", &provider_a, double_it, nullptr);
    registry.add("b.one", &provider_b, double_it, nullptr);
    registry.remove_provider(&provider_a);
    json_t *response = nullptr;
    CPPUNIT_ASSERT_EQUAL(503, registry.call("a.one", nullptr, &response));
    json_decref(response);
    CPPUNIT_ASSERT_EQUAL(size_t(1), registry.names().size());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ServiceRegistryTest);
