// The plugin as the core sees it: AuthPlugin driven through a minimal core
// callback table (the test plays the core and the HTTP transport), checking
// the auth.verify_token and auth.get_user service contracts end to end on a
// real SQLite database and the in-process KeyValue store.
#include <cppunit/extensions/HelperMacros.h>
#include <meetgate/plugin.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <meetgate/pluginkit/json_ptr.hpp>
#include <mutex>
#include <string>

#include "auth_config.hpp"
#include "auth_plugin.hpp"
#include "storage_fixture.hpp"

using meetgate::auth::AuthConfig;
using meetgate::auth::AuthPlugin;
using meetgate::pluginkit::JsonPtr;

namespace {

// One answer captured from respond_json / respond_raw.
struct Answer {
  std::mutex mutex;
  std::condition_variable done;
  bool answered = false;
  int status = 0;
  JsonPtr data;
};

std::map<std::string, std::string> g_settings;

void fake_log(mg_plugin *, mg_log_level, const char *, ...) {}
const char *fake_setting(const char *key) {
  auto it = g_settings.find(key);
  return it == g_settings.end() ? nullptr : it->second.c_str();
}
int fake_register_route(mg_plugin *, const char *, size_t) {
  return 0;
}
int fake_register_service(mg_plugin *, const char *, mg_service_fn, void *) {
  return 0;
}

void finish(mg_http_responder *responder, int status, json_t *data) {
  auto *answer = reinterpret_cast<Answer *>(responder);
  std::lock_guard lock(answer->mutex);
  answer->status = status;
  answer->data.reset(data);
  answer->answered = true;
  answer->done.notify_all();
}
void fake_respond_json(mg_http_responder *r, int status, const char *, json_t *data) {
  finish(r, status, data);
}
void fake_respond_raw(mg_http_responder *r, const mg_http_response *response) {
  json_t *envelope =
      json_loadb(reinterpret_cast<const char *>(response->body), response->body_len, 0, nullptr);
  json_t *data = json_incref(json_object_get(envelope, "data"));
  json_decref(envelope);
  finish(r, response->status, data);
}

mg_core_callbacks make_core() {
  mg_core_callbacks core{};
  core.log = fake_log;
  core.setting = fake_setting;
  core.register_route = fake_register_route;
  core.register_service = fake_register_service;
  core.respond_json = fake_respond_json;
  core.respond_raw = fake_respond_raw;
  return core;
}

// POSTs a JSON body through handle_http and waits (deadline) for the answer.
std::pair<int, JsonPtr> post(AuthPlugin &plugin, const char *path, const std::string &body) {
  mg_header header{"Content-Type", "application/json"};
  mg_http_request request{};
  request.method = "POST";
  request.path = path;
  request.query = "";
  request.headers = &header;
  request.header_count = 1;
  request.body = reinterpret_cast<const uint8_t *>(body.data());
  request.body_len = body.size();
  request.remote_addr = "127.0.0.1";
  request.request_id = "test";
  Answer answer;
  plugin.handle_http(&request, reinterpret_cast<mg_http_responder *>(&answer));
  std::unique_lock lock(answer.mutex);
  CPPUNIT_ASSERT(
      answer.done.wait_for(lock, std::chrono::seconds(20), [&] { return answer.answered; }));
  return {answer.status, std::move(answer.data)};
}

}  // namespace

class PluginServicesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PluginServicesTest);
  CPPUNIT_TEST(verifyAndGetUserContracts);
  CPPUNIT_TEST_SUITE_END();

 public:
  void verifyAndGetUserContracts() {
    meetgate::auth::test::StorageFixture fixture;
    g_settings = {{"data_dir", fixture.directory.string()},
                  {"database_url", "sqlite://" + (fixture.directory / "plugin.db").string()},
                  {"redis_url", ""}};
    mg_core_callbacks core = make_core();
    mg_plugin self{};
    AuthConfig config;
    config.jwt_secret = "unit-test-secret-0123456789abcdef0123456789";
    config.argon2_opslimit = 1;
    config.argon2_memlimit_kib = 8192;
    AuthPlugin plugin(&core, &self, config);

    auto [registered, user] = post(plugin, "/api/v1/register",
                                   R"({"username":"svc_user","email":"svc@example.com",)"
                                   R"("password":"Str0ng-Passw0rd!"})");
    CPPUNIT_ASSERT_EQUAL(200, registered);
    auto [logged_in, tokens] =
        post(plugin, "/api/v1/login", R"({"username":"svc_user","password":"Str0ng-Passw0rd!"})");
    CPPUNIT_ASSERT_EQUAL(200, logged_in);
    const char *access = json_string_value(json_object_get(tokens.get(), "access_token"));
    CPPUNIT_ASSERT(access != nullptr);

    JsonPtr request(json_pack("{s:s}", "token", access));
    json_t *raw = nullptr;
    CPPUNIT_ASSERT_EQUAL(0, plugin.verify_token(request.get(), &raw));
    JsonPtr verified(raw);
    const json_int_t user_id = json_integer_value(json_object_get(user.get(), "id"));
    CPPUNIT_ASSERT_EQUAL(user_id, json_integer_value(json_object_get(verified.get(), "user_id")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("svc_user"),
        std::string(json_string_value(json_object_get(verified.get(), "username"))));
    CPPUNIT_ASSERT_EQUAL(std::string("user"),
                         std::string(json_string_value(json_object_get(verified.get(), "role"))));
    CPPUNIT_ASSERT(json_is_string(json_object_get(verified.get(), "jti")));
    CPPUNIT_ASSERT(json_integer_value(json_object_get(verified.get(), "exp")) > 0);

    JsonPtr bad(json_pack("{s:s}", "token", "not.a.token"));
    raw = nullptr;
    CPPUNIT_ASSERT_EQUAL(401, plugin.verify_token(bad.get(), &raw));
    JsonPtr message(raw);
    CPPUNIT_ASSERT(json_is_string(message.get()));
    JsonPtr empty(json_object());
    raw = nullptr;
    CPPUNIT_ASSERT_EQUAL(400, plugin.verify_token(empty.get(), &raw));
    json_decref(raw);

    JsonPtr who(json_pack("{s:I}", "user_id", static_cast<json_int_t>(user_id)));
    raw = nullptr;
    CPPUNIT_ASSERT_EQUAL(0, plugin.get_user(who.get(), &raw));
    JsonPtr found(raw);
    for (const char *key :
         {"user_id", "username", "email", "nickname", "avatar_url", "role", "status"}) {
      CPPUNIT_ASSERT_MESSAGE(key, json_object_get(found.get(), key) != nullptr);
    }
    JsonPtr nobody(json_pack("{s:I}", "user_id", static_cast<json_int_t>(987654)));
    raw = nullptr;
    CPPUNIT_ASSERT_EQUAL(404, plugin.get_user(nobody.get(), &raw));
    json_decref(raw);
    JsonPtr wrong(json_pack("{s:s}", "user_id", "1"));
    raw = nullptr;
    CPPUNIT_ASSERT_EQUAL(400, plugin.get_user(wrong.get(), &raw));
    json_decref(raw);
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PluginServicesTest);
