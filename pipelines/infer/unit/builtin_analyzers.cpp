#include "builtin_analyzers.hpp"

#include "asr_analyzer.hpp"
#include "audio_quality_analyzer.hpp"
#include "face_analyzer.hpp"
#include "video_quality_analyzer.hpp"

namespace meetgate::infer {

AnalyzerRegistry make_builtin_registry(const BuiltinPaths &paths) {
  AnalyzerRegistry registry;
  const std::string pcm = "audio/pcm_s16le;rate=16000;channels=1";
  registry.add(
      {"asr.pocketsphinx", "asr", pcm, "speech to text, US English (pocketsphinx, streaming)"},
      [paths](const json_t *config) {
        AsrSettings settings;
        settings.model_dir = paths.asr_model_dir;
        settings.partials = json_bool_field(config, "partials", true);
        return std::make_unique<AsrAnalyzer>(settings);
      });
  registry.add({"vision.faces", "vision", "image", "face count and boxes (OpenCV Haar cascade)"},
               [paths](const json_t *config) {
                 return std::make_unique<FaceAnalyzer>(
                     FaceSettings::from_config(config, paths.haar_cascade));
               });
  registry.add(
      {"audio.quality", "audio", pcm, "level, peak, clipping, silence and noise floor"},
      [](const json_t *config) {
        return std::make_unique<AudioQualityAnalyzer>(AudioQualitySettings::from_config(config));
      });
  registry.add(
      {"video.quality", "video", "image", "blur, brightness, black and frozen frames"},
      [](const json_t *config) {
        return std::make_unique<VideoQualityAnalyzer>(VideoQualitySettings::from_config(config));
      });
  return registry;
}

}  // namespace meetgate::infer
