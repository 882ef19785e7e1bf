// Validation of create/update bodies, settings, times and passwords.
#include <cppunit/extensions/HelperMacros.h>

#include "api_error.hpp"
#include "json_ref.hpp"
#include "meeting_input.hpp"
#include "meeting_password.hpp"
#include "time_text.hpp"

using namespace meetgate::meeting;

namespace {
JsonRef body(const char *json) {
  json_error_t error;
  JsonRef parsed = adopt(json_loads(json, 0, &error));
  CPPUNIT_ASSERT_MESSAGE(json, parsed != nullptr);
  return parsed;
}

// The field a refused body names ("invalid title" -> "title").
std::string refused_field(const char *json, bool creating = true) {
  try {
    MeetingInput::parse(body(json).get(), creating, 1000);
  } catch (const ApiError &error) {
    CPPUNIT_ASSERT_EQUAL(400, error.status());
    std::string message = error.what();
    return message.rfind("invalid ", 0) == 0 ? message.substr(8) : message;
  }
  return "accepted";
}
}  // namespace

class InputTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(InputTest);
  CPPUNIT_TEST(acceptsAFullBody);
  CPPUNIT_TEST(titleIsRequiredOnCreateOnly);
  CPPUNIT_TEST(namesEachBadField);
  CPPUNIT_TEST(clearsWithNull);
  CPPUNIT_TEST(settingsPatchOverBase);
  CPPUNIT_TEST(timesAreNormalisedToUtc);
  CPPUNIT_TEST(passwordsHashWithArgon2id);
  CPPUNIT_TEST_SUITE_END();

 public:
  void acceptsAFullBody() {
    MeetingInput in = MeetingInput::parse(
        body(
            R"({"title":"  Weekly sync  ","description":"notes","start_time":"2026-03-01T09:00:00Z",
                 "end_time":"2026-03-01T11:00:00+01:00","max_participants":10,"password":"s3cret",
                 "meeting_type":"audio","settings":{"recording":true}})")
            .get(),
        true, 1000);
    CPPUNIT_ASSERT_EQUAL(std::string("Weekly sync"), *in.title);
    CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01 09:00:00"), *in.start_time.value);
    CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01 10:00:00"), *in.end_time.value);
    CPPUNIT_ASSERT_EQUAL(int64_t{10}, *in.max_participants);
    CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), *in.password.value);
    CPPUNIT_ASSERT_EQUAL(std::string("audio"), *in.meeting_type);
    MeetingSettings settings = in.settings_over(MeetingSettings{});
    CPPUNIT_ASSERT(settings.recording && !settings.ai && !settings.mute_on_join);
  }

  void titleIsRequiredOnCreateOnly() {
    CPPUNIT_ASSERT_EQUAL(std::string("title"), refused_field("{}"));
    CPPUNIT_ASSERT_EQUAL(std::string("accepted"), refused_field("{}", false));
  }

  void namesEachBadField() {
    CPPUNIT_ASSERT_EQUAL(std::string("title"), refused_field(R"({"title":"   "})"));
    CPPUNIT_ASSERT_EQUAL(std::string("title"), refused_field(R"({"title":42})"));
    std::string long_title = R"({"title":")" + std::string(201, 'x') + R"("})";
    CPPUNIT_ASSERT_EQUAL(std::string("title"), refused_field(long_title.c_str()));
    CPPUNIT_ASSERT_EQUAL(std::string("max_participants"),
                         refused_field(R"({"title":"t","max_participants":0})"));
    CPPUNIT_ASSERT_EQUAL(std::string("max_participants"),
                         refused_field(R"({"title":"t","max_participants":1001})"));
    CPPUNIT_ASSERT_EQUAL(std::string("max_participants"),
                         refused_field(R"({"title":"t","max_participants":"5"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("start_time"),
                         refused_field(R"({"title":"t","start_time":"tomorrow"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("start_time"),
                         refused_field(R"({"title":"t","start_time":"2026-02-30T10:00:00Z"})"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("end_time"),
        refused_field(
            R"({"title":"t","start_time":"2026-03-01T10:00:00Z","end_time":"2026-03-01T09:00:00Z"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("password"),
                         refused_field(R"({"title":"t","password":"abc"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("meeting_type"),
                         refused_field(R"({"title":"t","meeting_type":"hologram"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("settings"), refused_field(R"({"title":"t","settings":[]})"));
    CPPUNIT_ASSERT_EQUAL(std::string("settings.recording"),
                         refused_field(R"({"title":"t","settings":{"recording":"yes"}})"));
    CPPUNIT_ASSERT_EQUAL(std::string("settings.lasers"),
                         refused_field(R"({"title":"t","settings":{"lasers":true}})"));
    CPPUNIT_ASSERT_EQUAL(std::string("description"),
                         refused_field(R"({"title":"t","description":7})"));
  }

  void clearsWithNull() {
    MeetingInput in = MeetingInput::parse(
        body(R"({"description":null,"password":"","end_time":null})").get(), false, 1000);
    CPPUNIT_ASSERT(in.description.present && !in.description.value);
    CPPUNIT_ASSERT(in.password.present && in.password.value && in.password.value->empty());
    CPPUNIT_ASSERT(in.end_time.present && !in.end_time.value);
    CPPUNIT_ASSERT(!in.start_time.present);
  }

  void settingsPatchOverBase() {
    MeetingSettings base;
    base.ai = true;
    base.recording = true;
    MeetingInput in = MeetingInput::parse(
        body(R"({"settings":{"recording":false,"mute_on_join":true}})").get(), false, 1000);
    MeetingSettings merged = in.settings_over(base);
    CPPUNIT_ASSERT(merged.ai && !merged.recording && merged.mute_on_join);
    CPPUNIT_ASSERT_EQUAL(std::string(R"({"ai":true,"mute_on_join":true,"recording":false})"),
                         merged.to_text());
    MeetingSettings back = MeetingSettings::from_text(merged.to_text());
    CPPUNIT_ASSERT(back.ai && back.mute_on_join && !back.recording);
    MeetingSettings damaged = MeetingSettings::from_text("not json");
    CPPUNIT_ASSERT(!damaged.ai && !damaged.recording && !damaged.mute_on_join);
  }

  void timesAreNormalisedToUtc() {
    CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01 08:30:00"),
                         parse_api_time("2026-03-01T10:30:00+02:00").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01 15:00:00"),
                         parse_api_time("2026-03-01T10:00:00.250-05:00").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01 10:00:00"),
                         parse_api_time("2026-03-01 10:00:00").value_or(""));
    CPPUNIT_ASSERT(!parse_api_time("2026-13-01T10:00:00Z"));
    CPPUNIT_ASSERT(!parse_api_time("2026-03-01"));
    CPPUNIT_ASSERT(!parse_api_time("2026-03-01T25:00:00Z"));
    CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01T10:00:00Z"), api_time("2026-03-01 10:00:00"));
    CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01T10:00:00Z"),
                         api_time("2026-03-01 10:00:00.123456"));
  }

  void passwordsHashWithArgon2id() {
    CPPUNIT_ASSERT(MeetingPassword::initialise());
    std::string stored = MeetingPassword::hash("open sesame");
    CPPUNIT_ASSERT_EQUAL(std::string("$argon2id$"), stored.substr(0, 10));
    CPPUNIT_ASSERT(stored.find("open sesame") == std::string::npos);
    CPPUNIT_ASSERT(MeetingPassword::verify(stored, "open sesame"));
    CPPUNIT_ASSERT(!MeetingPassword::verify(stored, "open sesamE"));
    CPPUNIT_ASSERT(!MeetingPassword::verify("garbage", "open sesame"));
    CPPUNIT_ASSERT(stored != MeetingPassword::hash("open sesame"));  // salted
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InputTest);
