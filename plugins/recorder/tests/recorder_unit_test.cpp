// Unit tests of the recorder's rules: Range parsing, content sniffing,
// stored-path safety, permissions, multipart parsing, pagination.
#include <cppunit/extensions/HelperMacros.h>
#include <sodium.h>

#include <string>

#include "access_policy.hpp"
#include "api_error.hpp"
#include "byte_range.hpp"
#include "content_sniffer.hpp"
#include "multipart_form.hpp"
#include "page_query.hpp"
#include "storage_paths.hpp"

using namespace meetgate::recorder;
using namespace std::string_literals;

class RecorderUnitTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RecorderUnitTest);
  CPPUNIT_TEST(range_forms);
  CPPUNIT_TEST(range_unsatisfiable);
  CPPUNIT_TEST(range_ignored);
  CPPUNIT_TEST(sniffs_magic_bytes);
  CPPUNIT_TEST(generated_names_are_safe);
  CPPUNIT_TEST(unsafe_names_rejected);
  CPPUNIT_TEST(permissions);
  CPPUNIT_TEST(multipart_parts);
  CPPUNIT_TEST(multipart_malformed);
  CPPUNIT_TEST(pagination);
  CPPUNIT_TEST_SUITE_END();

  static ByteRange range_of(const char *header, uint64_t size, RangeResult expect) {
    ByteRange range;
    CPPUNIT_ASSERT(parse_byte_range(std::string(header), size, range) == expect);
    return range;
  }

 public:
  void range_forms() {
    ByteRange r = range_of("bytes=0-99", 1000, RangeResult::kOk);
    CPPUNIT_ASSERT(r.partial && r.offset == 0 && r.length == 100);
    CPPUNIT_ASSERT_EQUAL("bytes 0-99/1000"s, r.content_range(1000));
    r = range_of("bytes=900-", 1000, RangeResult::kOk);
    CPPUNIT_ASSERT(r.offset == 900 && r.length == 100);
    r = range_of("bytes=-10", 1000, RangeResult::kOk);
    CPPUNIT_ASSERT(r.offset == 990 && r.length == 10);
    r = range_of("bytes=-5000", 1000, RangeResult::kOk);  // suffix longer than the file
    CPPUNIT_ASSERT(r.offset == 0 && r.length == 1000);
    r = range_of("bytes=500-99999", 1000, RangeResult::kOk);  // end clamped
    CPPUNIT_ASSERT(r.offset == 500 && r.length == 500);
    r = range_of("bytes=999-999", 1000, RangeResult::kOk);
    CPPUNIT_ASSERT(r.offset == 999 && r.length == 1);
  }

  void range_unsatisfiable() {
    range_of("bytes=1000-", 1000, RangeResult::kUnsatisfiable);
    range_of("bytes=5-2", 1000, RangeResult::kUnsatisfiable);
    range_of("bytes=-0", 1000, RangeResult::kUnsatisfiable);
    range_of("bytes=abc-", 1000, RangeResult::kUnsatisfiable);
    range_of("bytes=-", 1000, RangeResult::kUnsatisfiable);
    range_of("bytes=99999999999999999999-", 1000, RangeResult::kUnsatisfiable);
    range_of("bytes=0-0", 0, RangeResult::kUnsatisfiable);
  }

  void range_ignored() {
    ByteRange r;
    CPPUNIT_ASSERT(parse_byte_range(std::nullopt, 42, r) == RangeResult::kOk);
    CPPUNIT_ASSERT(!r.partial && r.length == 42);
    r = range_of("items=0-5", 42, RangeResult::kOk);
    CPPUNIT_ASSERT(!r.partial);
    r = range_of("bytes=0-1,5-6", 42, RangeResult::kOk);  // multi-range: whole file
    CPPUNIT_ASSERT(!r.partial && r.length == 42);
  }

  void sniffs_magic_bytes() {
    auto mime = [](const std::string &head) { return sniff_content_type(head).mime; };
    CPPUNIT_ASSERT_EQUAL("video/webm"s,
                         mime("\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm"s));
    CPPUNIT_ASSERT_EQUAL("video/x-matroska"s, mime("\x1A\x45\xDF\xA3\x42\x82\x88matroska"s));
    CPPUNIT_ASSERT_EQUAL("video/mp4"s, mime("\0\0\0\x20"
                                            "ftypisom\0\0\0\0"s));
    CPPUNIT_ASSERT_EQUAL("audio/ogg"s, mime("OggS\0\x02"s));
    CPPUNIT_ASSERT_EQUAL("audio/wav"s, mime("RIFF\x24\0\0\0WAVEfmt "s));
    CPPUNIT_ASSERT_EQUAL("audio/mpeg"s, mime("ID3\x04\0"s));
    CPPUNIT_ASSERT_EQUAL("audio/mpeg"s, mime("\xFF\xFB\x90\x64"s));
    CPPUNIT_ASSERT_EQUAL("image/png"s, mime("\x89PNG\r\n\x1A\n\0\0"s));
    CPPUNIT_ASSERT_EQUAL("image/jpeg"s, mime("\xFF\xD8\xFF\xE0"s));
    CPPUNIT_ASSERT_EQUAL("application/pdf"s, mime("%PDF-1.7\n"s));
    CPPUNIT_ASSERT_EQUAL("application/octet-stream"s, mime("<html>hello</html>"s));
    CPPUNIT_ASSERT_EQUAL("application/octet-stream"s, mime(""s));
    CPPUNIT_ASSERT_EQUAL(".webm"s, sniff_content_type("\x1A\x45\xDF\xA3....webm"s).extension);
  }

  void generated_names_are_safe() {
    CPPUNIT_ASSERT(sodium_init() >= 0);
    std::string a = StoragePaths::generate_name(".webm"), b = StoragePaths::generate_name(".webm");
    CPPUNIT_ASSERT(a != b);
    CPPUNIT_ASSERT_EQUAL(size_t(37), a.size());
    CPPUNIT_ASSERT(StoragePaths::is_safe_name(a));
    CPPUNIT_ASSERT(StoragePaths::is_safe_name("12/" + a));
    // A client-chosen extension never gets in: anything odd becomes .bin.
    CPPUNIT_ASSERT(StoragePaths::generate_name("/../x").ends_with(".bin"));
    CPPUNIT_ASSERT(StoragePaths::generate_name(".PHP").ends_with(".bin"));
    auto path = StoragePaths::resolve("/data/media", a);
    CPPUNIT_ASSERT_EQUAL("/data/media/" + a, path.string());
  }

  void unsafe_names_rejected() {
    std::string good = std::string(32, 'a') + ".webm";
    for (std::string bad :
         {"../etc/passwd"s, "/etc/passwd"s, "12/../" + good, "../" + good, "x/" + good,
          "012/" + good, std::string(32, 'A') + ".webm", std::string(31, 'a') + ".webm", good + "/",
          "1/2/" + good, std::string(32, 'a') + ".we/bm", ""s}) {
      CPPUNIT_ASSERT_MESSAGE(bad, !StoragePaths::is_safe_name(bad));
      CPPUNIT_ASSERT_THROW(StoragePaths::resolve("/data", bad), std::invalid_argument);
    }
  }

  void permissions() {
    Caller admin{1, "root", "admin"}, owner{2, "alice", "user"}, other{3, "bob", "user"};
    CPPUNIT_ASSERT(may_control_recording(admin, ""));
    CPPUNIT_ASSERT(may_control_recording(other, "host"));
    CPPUNIT_ASSERT(may_control_recording(other, "co-host"));
    CPPUNIT_ASSERT(!may_control_recording(other, "participant"));
    CPPUNIT_ASSERT(!may_control_recording(other, ""));
    CPPUNIT_ASSERT(may_access_file(owner, 2, ""));
    CPPUNIT_ASSERT(may_access_file(admin, 2, ""));
    CPPUNIT_ASSERT(may_access_file(other, 2, "host"));
    CPPUNIT_ASSERT(!may_access_file(other, 2, "participant"));
    CPPUNIT_ASSERT(!may_access_file(other, 2, ""));
    CPPUNIT_ASSERT(!may_access_file(other, 0, ""));  // system-started: hosts and admins only
  }

  void multipart_parts() {
    std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"meeting_id\"\r\n\r\n42\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.png\"\r\n"
        "Content-Type: text/plain\r\n\r\n\x89PNG\r\n--not-the-boundary\r\n\r\n--XyZ--\r\n";
    auto parts = parse_multipart("multipart/form-data; boundary=XyZ", body);
    CPPUNIT_ASSERT_EQUAL(size_t(2), parts.size());
    CPPUNIT_ASSERT_EQUAL("meeting_id"s, parts[0].name);
    CPPUNIT_ASSERT_EQUAL("42"s, std::string(parts[0].data));
    CPPUNIT_ASSERT(!parts[0].filename);
    CPPUNIT_ASSERT_EQUAL("a b.png"s, *parts[1].filename);
    CPPUNIT_ASSERT_EQUAL("\x89PNG\r\n--not-the-boundary\r\n"s, std::string(parts[1].data));
  }

  void multipart_malformed() {
    CPPUNIT_ASSERT_THROW(parse_multipart("application/json", "{}"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(parse_multipart("multipart/form-data", "x"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(parse_multipart("multipart/form-data; boundary=b", "no parts"),
                         std::invalid_argument);
    CPPUNIT_ASSERT_THROW(
        parse_multipart("multipart/form-data; boundary=b",
                        "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\ntruncated"),
        std::invalid_argument);
  }

  void pagination() {
    PageQuery page = PageQuery::parse(QueryString("page=3&page_size=20"));
    CPPUNIT_ASSERT_EQUAL(int64_t(40), page.offset());
    json_t *out = page.envelope(json_array(), 41);
    CPPUNIT_ASSERT_EQUAL(json_int_t(3), json_integer_value(json_object_get(out, "total_pages")));
    json_decref(out);
    for (const char *bad : {"page=0", "page=-1", "page_size=101", "page=x", "page_size=5x"})
      CPPUNIT_ASSERT_THROW(PageQuery::parse(QueryString(bad)), ApiError);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecorderUnitTest);
