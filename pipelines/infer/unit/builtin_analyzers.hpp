// The analyzers shipped with meetgate-infer, registered under their model
// names. A new built-in analyzer is one class plus one add() call here; a model
// in another runtime (ONNX, an LLM) is better served by its own process that
// speaks PROTOCOL.md (see README.md, "Adding a model").
#pragma once

#include <string>

#include "analyzer_registry.hpp"

namespace meetgate::infer {

struct BuiltinPaths {
  std::string asr_model_dir;  // pocketsphinx-en-us model directory
  std::string haar_cascade;   // opencv-data frontal face cascade
};

AnalyzerRegistry make_builtin_registry(const BuiltinPaths &paths);

}  // namespace meetgate::infer
