#include "static_files.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <fstream>

using namespace meetgate::videoroom;
namespace fs = std::filesystem;

class StaticFilesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(StaticFilesTest);
  CPPUNIT_TEST(servesFilesInsideTheRoot);
  CPPUNIT_TEST(refusesEscapes);
  CPPUNIT_TEST(contentTypes);
  CPPUNIT_TEST_SUITE_END();

  fs::path base_;

 public:
  void setUp() override {
    base_ = fs::temp_directory_path() / ("videoroom-static-" + std::to_string(getpid()));
    fs::create_directories(base_ / "www" / "css");
    std::ofstream(base_ / "www" / "index.html") << "<html>";
    std::ofstream(base_ / "www" / "css" / "a.css") << "body{}";
    std::ofstream(base_ / "secret.txt") << "no";
    fs::create_symlink(base_ / "secret.txt", base_ / "www" / "link.txt");
  }
  void tearDown() override { fs::remove_all(base_); }

  void servesFilesInsideTheRoot() {
    StaticFiles files(base_ / "www");
    CPPUNIT_ASSERT(files.resolve("") == fs::canonical(base_ / "www" / "index.html"));
    CPPUNIT_ASSERT(files.resolve("/") == fs::canonical(base_ / "www" / "index.html"));
    CPPUNIT_ASSERT(files.resolve("/css/a.css") == fs::canonical(base_ / "www" / "css" / "a.css"));
    CPPUNIT_ASSERT(files.resolve("/./css//a.css").has_value());
    CPPUNIT_ASSERT(!files.resolve("/missing.js"));
    CPPUNIT_ASSERT(!files.resolve("/css"));  // a directory without index.html
  }

  void refusesEscapes() {
    StaticFiles files(base_ / "www");
    CPPUNIT_ASSERT(!files.resolve("/../secret.txt"));
    CPPUNIT_ASSERT(!files.resolve("/css/../../secret.txt"));
    CPPUNIT_ASSERT(!files.resolve("/link.txt"));  // symlink out of the root
    CPPUNIT_ASSERT(!files.resolve(std::string_view("/index.html\0x", 13)));
    CPPUNIT_ASSERT(!files.resolve("/..\\secret.txt"));
  }

  void contentTypes() {
    CPPUNIT_ASSERT_EQUAL(std::string("text/javascript; charset=utf-8"),
                         std::string(StaticFiles::content_type("a/b.js")));
    CPPUNIT_ASSERT_EQUAL(std::string("application/octet-stream"),
                         std::string(StaticFiles::content_type("x.bin")));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(StaticFilesTest);
