// Avatar upload parsing: multipart edge cases, magic-byte sniffing and the
// avatar store's naming rules.
#include "multipart_parser.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <sodium.h>

#include <fstream>

#include "avatar_store.hpp"
#include "image_sniffer.hpp"
#include "storage_fixture.hpp"

using meetgate::auth::AvatarStore;
using meetgate::auth::ImageSniffer;
using meetgate::auth::MultipartParser;

namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest-of-png";

std::string form(const std::string &boundary, const std::string &payload) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" +
         boundary +
         "\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"../../etc/x.png\"\r\n"
         "Content-Type: image/png\r\n\r\n" +
         payload + "\r\n--" + boundary + "--\r\n";
}

}  // namespace

class MultipartParserTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MultipartParserTest);
  CPPUNIT_TEST(boundaryFromContentType);
  CPPUNIT_TEST(parsesFieldsAndFiles);
  CPPUNIT_TEST(binaryPayloadWithCrlf);
  CPPUNIT_TEST(preambleIsSkipped);
  CPPUNIT_TEST(truncatedBodyFails);
  CPPUNIT_TEST(missingBoundaryFails);
  CPPUNIT_TEST(partWithoutNameFails);
  CPPUNIT_TEST(tooManyPartsFails);
  CPPUNIT_TEST(hugeHeadersFail);
  CPPUNIT_TEST(sniffsImages);
  CPPUNIT_TEST(avatarNamesAreServerMade);
  CPPUNIT_TEST_SUITE_END();

 public:
  void boundaryFromContentType() {
    CPPUNIT_ASSERT_EQUAL(std::string("abc"),
                         *MultipartParser::boundary_of("multipart/form-data; boundary=abc"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("a b:c"),
        MultipartParser::boundary_of("Multipart/Form-Data; boundary=\"a b:c\"").value_or(""));
    CPPUNIT_ASSERT(!MultipartParser::boundary_of("multipart/form-data; boundary=\"a;b\""));
    CPPUNIT_ASSERT_EQUAL(
        std::string("xyz"),
        *MultipartParser::boundary_of("multipart/form-data; charset=utf-8; boundary=xyz"));
    CPPUNIT_ASSERT(!MultipartParser::boundary_of("application/json"));
    CPPUNIT_ASSERT(!MultipartParser::boundary_of("multipart/form-data"));
    CPPUNIT_ASSERT(!MultipartParser::boundary_of("multipart/form-data; boundary="));
    CPPUNIT_ASSERT(!MultipartParser::boundary_of("multipart/form-data; boundary=\"open"));
    CPPUNIT_ASSERT(
        !MultipartParser::boundary_of("multipart/form-data; boundary=" + std::string(71, 'b')));
  }
  void parsesFieldsAndFiles() {
    const std::string body = form("XyZ", kPng);
    MultipartParser::Outcome out = MultipartParser::parse(body, "XyZ");
    CPPUNIT_ASSERT_MESSAGE(out.error, out.ok());
    CPPUNIT_ASSERT_EQUAL(size_t(2), out.parts.size());
    CPPUNIT_ASSERT_EQUAL(std::string("note"), out.parts[0].name);
    CPPUNIT_ASSERT_EQUAL(std::string("hello"), std::string(out.parts[0].data));
    CPPUNIT_ASSERT_EQUAL(std::string("avatar"), out.parts[1].name);
    CPPUNIT_ASSERT_EQUAL(std::string("../../etc/x.png"), out.parts[1].filename);
    CPPUNIT_ASSERT_EQUAL(std::string("image/png"), out.parts[1].content_type);
    CPPUNIT_ASSERT(out.parts[1].data == kPng);
  }
  void binaryPayloadWithCrlf() {
    const std::string payload = kPng + "\r\n--Xy\r\n\r\n" + std::string(3, '\0');
    const std::string body = form("XyZ", payload);  // parts are views into it
    MultipartParser::Outcome out = MultipartParser::parse(body, "XyZ");
    CPPUNIT_ASSERT_MESSAGE(out.error, out.ok());
    CPPUNIT_ASSERT(out.parts[1].data == payload);
  }
  void preambleIsSkipped() {
    const std::string body = "preamble\r\n" + form("b1", "x");
    MultipartParser::Outcome out = MultipartParser::parse(body, "b1");
    CPPUNIT_ASSERT_MESSAGE(out.error, out.ok());
    CPPUNIT_ASSERT_EQUAL(size_t(2), out.parts.size());
  }
  void truncatedBodyFails() {
    const std::string body = form("b1", kPng);
    for (size_t cut : {body.size() - 5, body.size() / 2, size_t(10), size_t(0)}) {
      CPPUNIT_ASSERT(!MultipartParser::parse(body.substr(0, cut), "b1").ok());
    }
  }
  void missingBoundaryFails() {
    CPPUNIT_ASSERT(!MultipartParser::parse(form("b1", "x"), "other").ok());
    CPPUNIT_ASSERT(!MultipartParser::parse("--b1junk", "b1").ok());
  }
  void partWithoutNameFails() {
    const std::string body = "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n";
    CPPUNIT_ASSERT(!MultipartParser::parse(body, "b").ok());
    const std::string no_disposition = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n";
    CPPUNIT_ASSERT(!MultipartParser::parse(no_disposition, "b").ok());
    const std::string bad_line = "--b\r\nnot a header\r\n\r\nx\r\n--b--\r\n";
    CPPUNIT_ASSERT(!MultipartParser::parse(bad_line, "b").ok());
  }
  void tooManyPartsFails() {
    std::string body;
    for (int i = 0; i < 20; ++i) {
      body +=
          "--b\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nv\r\n";
    }
    body += "--b--\r\n";
    CPPUNIT_ASSERT(!MultipartParser::parse(body, "b").ok());
    MultipartParser::Limits roomy;
    roomy.max_parts = 32;
    CPPUNIT_ASSERT(MultipartParser::parse(body, "b", roomy).ok());
  }
  void hugeHeadersFail() {
    const std::string body =
        "--b\r\nContent-Disposition: form-data; name=\"f\"\r\nX-Pad: " + std::string(10000, 'p') +
        "\r\n\r\nv\r\n--b--\r\n";
    CPPUNIT_ASSERT(!MultipartParser::parse(body, "b").ok());
  }
  void sniffsImages() {
    using namespace std::string_view_literals;
    CPPUNIT_ASSERT_EQUAL(std::string("png"), std::string(ImageSniffer::sniff(kPng)->extension));
    CPPUNIT_ASSERT_EQUAL(std::string("image/jpeg"),
                         std::string(ImageSniffer::sniff("\xff\xd8\xff\xe0rest")->mime));
    CPPUNIT_ASSERT_EQUAL(std::string("gif"),
                         std::string(ImageSniffer::sniff("GIF89a....")->extension));
    CPPUNIT_ASSERT_EQUAL(std::string("webp"),
                         std::string(ImageSniffer::sniff("RIFF\x10\0\0\0WEBPVP8 "sv)->extension));
    CPPUNIT_ASSERT(!ImageSniffer::sniff("RIFF\x10\0\0\0WAVEfmt "sv));
    CPPUNIT_ASSERT(!ImageSniffer::sniff("<svg xmlns=...>"));
    CPPUNIT_ASSERT(!ImageSniffer::sniff("\x89PNG"));
    CPPUNIT_ASSERT(!ImageSniffer::sniff(""));
  }
  void avatarNamesAreServerMade() {
    meetgate::auth::test::StorageFixture fixture;
    AvatarStore store(fixture.directory / "avatars");
    const std::string name = store.save(kPng, *ImageSniffer::sniff(kPng));
    CPPUNIT_ASSERT(AvatarStore::is_valid_name(name));
    CPPUNIT_ASSERT(store.resolve(name).has_value());
    std::ifstream in(*store.resolve(name), std::ios::binary);
    std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CPPUNIT_ASSERT(stored == kPng);
    CPPUNIT_ASSERT(!store.resolve("../test.db"));
    CPPUNIT_ASSERT(!store.resolve("0123456789abcdef0123456789abcdef.exe"));
    CPPUNIT_ASSERT(!store.resolve("0123456789abcdef0123456789abcdef.png"));  // never stored
    store.remove(std::string(AvatarStore::kUrlPrefix) + name);
    CPPUNIT_ASSERT(!store.resolve(name));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(MultipartParserTest);
