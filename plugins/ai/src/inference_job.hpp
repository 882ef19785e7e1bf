// One unit of analysis as the REST API and live analysis hand it to the
// inference client: which model, the request header (PROTOCOL.md "data") and
// the binary payload, plus what the stored result is filed under.
#pragma once

#include <string>

#include "json_ptr.hpp"

namespace meetgate::ai {

struct InferenceJob {
  std::string type;          // "transcription", "faces", "quality", or the model for /inference
  std::string model;         // e.g. "asr.pocketsphinx"
  infer::JsonPtr header;     // sent as the request's data (never null)
  std::string payload;       // PCM or image bytes
  std::string meeting_id;    // optional: results are queryable per meeting
  uint64_t duration_ms = 0;  // audio length when known
};

}  // namespace meetgate::ai
