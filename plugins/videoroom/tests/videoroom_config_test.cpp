#include "videoroom_config.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace meetgate::videoroom;
namespace fs = std::filesystem;

class VideoRoomConfigTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(VideoRoomConfigTest);
  CPPUNIT_TEST(missingFileGivesDefaults);
  CPPUNIT_TEST(readsKeys);
  CPPUNIT_TEST(refusesWrongTypes);
  CPPUNIT_TEST_SUITE_END();

  fs::path file_;
  void write(const std::string &text) { std::ofstream(file_) << text; }

 public:
  void setUp() override {
    file_ = fs::temp_directory_path() / ("videoroom-conf-" + std::to_string(getpid()) + ".jcfg");
  }
  void tearDown() override { fs::remove(file_); }

  void missingFileGivesDefaults() {
    VideoRoomConfig config;
    std::string error;
    CPPUNIT_ASSERT(load_videoroom_config("/nonexistent/x.jcfg", config, error));
    CPPUNIT_ASSERT_EQUAL(size_t{4096}, config.max_chat_length);
    CPPUNIT_ASSERT(config.sfu);
  }

  void readsKeys() {
    write("general: { max_chat_length = 10; sfu = false; ice_servers = [\"stun:a:1\"]; };");
    VideoRoomConfig config;
    std::string error;
    CPPUNIT_ASSERT(load_videoroom_config(file_.c_str(), config, error));
    CPPUNIT_ASSERT_EQUAL(size_t{10}, config.max_chat_length);
    CPPUNIT_ASSERT(!config.sfu);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, config.ice_servers.size());
  }

  void refusesWrongTypes() {
    write("general: { max_chat_length = \"big\"; };");
    VideoRoomConfig config;
    std::string error;
    CPPUNIT_ASSERT(!load_videoroom_config(file_.c_str(), config, error));
    CPPUNIT_ASSERT(error.find("max_chat_length") != std::string::npos);
    write("general: { max_chat_length = 0; };");
    CPPUNIT_ASSERT(!load_videoroom_config(file_.c_str(), config, error));
    write("general: { broken");
    CPPUNIT_ASSERT(!load_videoroom_config(file_.c_str(), config, error));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(VideoRoomConfigTest);
