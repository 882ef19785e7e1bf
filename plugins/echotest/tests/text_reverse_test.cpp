#include "text_reverse.hpp"

#include <cppunit/extensions/HelperMacros.h>

using meetgate::echotest::reverse_utf8;

class TextReverseTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TextReverseTest);
  CPPUNIT_TEST(reversesAscii);
  CPPUNIT_TEST(keepsMultiByteCodePointsWhole);
  CPPUNIT_TEST(handlesEmptyAndSingle);
  CPPUNIT_TEST_SUITE_END();

 public:
  void reversesAscii() { CPPUNIT_ASSERT_EQUAL(std::string("cba"), reverse_utf8("abc")); }

  void keepsMultiByteCodePointsWhole() {
    // "añ€😀" : 1-, 2-, 3- and 4-byte sequences.
    CPPUNIT_ASSERT_EQUAL(std::string("\xF0\x9F\x98\x80\xE2\x82\xAC\xC3\xB1"
                                     "a"),
                         reverse_utf8("a\xC3\xB1\xE2\x82\xAC\xF0\x9F\x98\x80"));
  }

  void handlesEmptyAndSingle() {
    CPPUNIT_ASSERT_EQUAL(std::string(), reverse_utf8(""));
    CPPUNIT_ASSERT_EQUAL(std::string("\xC3\xB1"), reverse_utf8("\xC3\xB1"));
  }
};
CPPUNIT_TEST_SUITE_REGISTRATION(TextReverseTest);
