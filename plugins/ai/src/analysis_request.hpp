// Validation of the REST bodies into InferenceJobs. Every refusal is an
// ApiError(400) naming the field.
#pragma once

#include <jansson.h>

#include <string>

#include "ai_config.hpp"
#include "inference_job.hpp"
#include "media_file.hpp"

namespace meetgate::ai {

// POST /api/v1/ai/analyze {type, meeting_id?, audio_data | image_data}
InferenceJob parse_analyze_request(const json_t *body, const AiConfig &config);

// The body's media_file_id (validating type and that no inline data comes
// with it), or nullptr when the body carries its data inline.
const json_t *media_file_reference(const json_t *body);

// POST /api/v1/ai/analyze {type, media_file_id, meeting_id?} once the
// recorder's file is loaded: transcription needs a 16 kHz mono 16-bit WAV,
// faces a PNG/JPEG image, quality either; anything else is a 400 naming
// media_file_id.
InferenceJob parse_media_file_analyze_request(const json_t *body, const MediaFile &file,
                                              const AiConfig &config);

// POST /api/v1/ai/asr {audio_data, format?, sample_rate?, language?}; the
// language answered is written to `language`.
InferenceJob parse_asr_request(const json_t *body, const AiConfig &config, std::string &language);

// POST /api/v1/inference/submit {model, data?, input?, meeting_id?}
InferenceJob parse_submit_request(const json_t *body);

// A multipart/form-data upload's fields turned into the JSON body of
// /ai/analyze: text fields as strings, the file part ("file", "audio" or
// "image") base64-encoded as audio_data or image_data by its name or type.
json_t *analyze_body_from_form(const std::string &content_type, const std::string &body);

}  // namespace meetgate::ai
