// The analyzer registry: selection, probing, description, creation errors.
#include <cppunit/extensions/HelperMacros.h>

#include "asr_analyzer.hpp"
#include "builtin_analyzers.hpp"
#include "face_analyzer.hpp"

namespace meetgate::infer {
namespace {
BuiltinPaths debian_paths() {
  return {kDefaultAsrModelDir, kDefaultHaarCascade};
}
}  // namespace

class RegistryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RegistryTest);
  CPPUNIT_TEST(builtins_are_registered);
  CPPUNIT_TEST(retain_selects_and_reports_unknown);
  CPPUNIT_TEST(probe_drops_models_that_cannot_load);
  CPPUNIT_TEST(create_unknown_model_fails);
  CPPUNIT_TEST(describe_lists_what_is_loaded);
  CPPUNIT_TEST_SUITE_END();

 public:
  void builtins_are_registered() {
    AnalyzerRegistry registry = make_builtin_registry(debian_paths());
    const std::vector<std::string> expected{"asr.pocketsphinx", "vision.faces", "audio.quality",
                                            "video.quality"};
    CPPUNIT_ASSERT(registry.names() == expected);
    CPPUNIT_ASSERT(registry.probe().empty());  // Debian's models are installed
    CPPUNIT_ASSERT(registry.create("audio.quality", nullptr) != nullptr);
  }

  void retain_selects_and_reports_unknown() {
    AnalyzerRegistry registry = make_builtin_registry(debian_paths());
    CPPUNIT_ASSERT(registry.retain({"all"}).empty());
    CPPUNIT_ASSERT_EQUAL(size_t{4}, registry.names().size());
    const auto unknown = registry.retain({"vision.faces", "llm.chat"});
    CPPUNIT_ASSERT(unknown == std::vector<std::string>{"llm.chat"});
    CPPUNIT_ASSERT(registry.names() == std::vector<std::string>{"vision.faces"});
  }

  void probe_drops_models_that_cannot_load() {
    AnalyzerRegistry registry =
        make_builtin_registry({"/nonexistent/model", "/nonexistent/cascade.xml"});
    const auto failures = registry.probe();
    CPPUNIT_ASSERT_EQUAL(size_t{2}, failures.size());
    CPPUNIT_ASSERT(failures[0].rfind("asr.pocketsphinx: ", 0) == 0);
    CPPUNIT_ASSERT(registry.names() ==
                   (std::vector<std::string>{"audio.quality", "video.quality"}));
  }

  void create_unknown_model_fails() {
    AnalyzerRegistry registry = make_builtin_registry(debian_paths());
    try {
      registry.create("onnx.yolo", nullptr);
      CPPUNIT_FAIL("unknown model created");
    } catch (const AnalyzerError &error) {
      CPPUNIT_ASSERT(error.code() == ErrorCode::kUnknownModel);
    }
  }

  void describe_lists_what_is_loaded() {
    AnalyzerRegistry registry = make_builtin_registry(debian_paths());
    registry.retain({"audio.quality"});
    JsonPtr models = registry.describe();
    CPPUNIT_ASSERT_EQUAL(size_t{1}, json_array_size(models.get()));
    const json_t *model = json_array_get(models.get(), 0);
    CPPUNIT_ASSERT_EQUAL(std::string("audio.quality"), json_string_field(model, "name"));
    CPPUNIT_ASSERT_EQUAL(std::string("audio/pcm_s16le;rate=16000;channels=1"),
                         json_string_field(model, "input"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RegistryTest);

}  // namespace meetgate::infer
