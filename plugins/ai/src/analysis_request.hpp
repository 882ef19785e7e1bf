// Validation of the REST bodies into InferenceJobs. Every refusal is an
// ApiError(400) naming the field (or 501 for media_file_id, see README).
#pragma once

#include <jansson.h>

#include <string>

#include "ai_config.hpp"
#include "inference_job.hpp"

namespace meetgate::ai {

// POST /api/v1/ai/analyze {type, meeting_id?, audio_data | image_data}
InferenceJob parse_analyze_request(const json_t *body, const AiConfig &config);

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
