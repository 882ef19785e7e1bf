// The extension point of the inference unit: one Analyzer instance per
// work_id (a "session" set up by the gateway), created by the registry from
// the model name given in "setup". An analyzer runs on one worker thread only,
// so it may keep per-stream state (a decoder, the previous frame, ...).
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "error_code.hpp"
#include "json_ptr.hpp"

namespace meetgate::infer {

// What one "inference" request hands to an analyzer.
struct InferenceInput {
  const json_t *data = nullptr;           // borrowed request "data" (object or null)
  std::span<const std::uint8_t> payload;  // the binary frame; empty when none was sent
};

// Receives an analyzer's results; each call becomes one delta frame
// {delta, index, finish}. The last call of a request must pass finish=true.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void emit(JsonPtr delta, bool finish) = 0;
};

// Thrown by analyzers and their constructors; becomes an error reply.
class AnalyzerError : public std::runtime_error {
 public:
  AnalyzerError(ErrorCode code, const std::string &message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  // Analyzes one input. Throws AnalyzerError(kBadInput) for unusable input.
  virtual void infer(const InferenceInput &input, ResultSink &sink) = 0;
};

}  // namespace meetgate::infer
