#include "analysis_request.hpp"

#include <strings.h>

#include "api_error.hpp"
#include "base64_input.hpp"
#include "multipart_form.hpp"
#include "wav_audio.hpp"

namespace meetgate::ai {
namespace {

using infer::json_take;

std::string optional_text(const json_t *body, const char *field) {
  const json_t *value = json_object_get(body, field);
  if (!value || json_is_null(value)) return "";
  if (!json_is_string(value)) throw ApiError::invalid(field, "must be a string");
  return json_string_value(value);
}

std::string meeting_id_of(const json_t *body) {
  const json_t *value = json_object_get(body, "meeting_id");
  if (!value || json_is_null(value)) return "";
  if (json_is_integer(value)) return std::to_string(json_integer_value(value));
  if (!json_is_string(value)) throw ApiError::invalid("meeting_id", "must be a string or number");
  std::string id = json_string_value(value);
  if (id.size() > 64) throw ApiError::invalid("meeting_id", "longer than 64 characters");
  return id;
}

void require_object(const json_t *body) {
  if (!json_is_object(body)) throw ApiError(400, "invalid request body", "expected a JSON object");
}

InferenceJob audio_job(const std::string &type, const std::string &model, const WavAudio &audio) {
  InferenceJob job;
  job.type = type;
  job.model = model;
  job.header = json_take(json_pack("{s:i,s:i,s:b}", "sample_rate", 16000, "channels", 1, "end", 1));
  job.payload = audio.pcm;
  job.duration_ms = audio.duration_ms();
  return job;
}

InferenceJob image_job(const std::string &type, const std::string &model, std::string image) {
  InferenceJob job;
  job.type = type;
  job.model = model;
  job.header = json_take(json_pack("{s:s}", "format", "encoded"));
  job.payload = std::move(image);
  return job;
}

std::string analysis_type(const json_t *body) {
  std::string type = optional_text(body, "type");
  if (type.empty()) throw ApiError::invalid("type", "required: transcription, faces or quality");
  if (type != "transcription" && type != "faces" && type != "quality")
    throw ApiError::invalid("type", "must be transcription, faces or quality");
  return type;
}

}  // namespace

InferenceJob parse_analyze_request(const json_t *body, const AiConfig &config) {
  require_object(body);
  std::string type = analysis_type(body);
  std::string audio_text = optional_text(body, "audio_data");
  std::string image_text = optional_text(body, "image_data");
  if (audio_text.empty() == image_text.empty())
    throw ApiError::invalid("audio_data",
                            "send exactly one of audio_data (base64 WAV), "
                            "image_data (base64 image) or media_file_id");
  InferenceJob job;
  if (!audio_text.empty()) {
    if (type == "faces") throw ApiError::invalid("image_data", "faces needs an image");
    WavAudio audio = parse_wav(decode_base64_field(audio_text, "audio_data"), "audio_data");
    require_recognizer_format(audio, "audio_data");
    job = audio_job(type, type == "transcription" ? config.asr_model : config.audio_quality_model,
                    audio);
  } else {
    if (type == "transcription") throw ApiError::invalid("audio_data", "transcription needs audio");
    job = image_job(type, type == "faces" ? config.faces_model : config.video_quality_model,
                    decode_base64_field(image_text, "image_data"));
  }
  job.meeting_id = meeting_id_of(body);
  return job;
}

const json_t *media_file_reference(const json_t *body) {
  require_object(body);
  const json_t *id = json_object_get(body, "media_file_id");
  if (!id || json_is_null(id)) return nullptr;
  analysis_type(body);
  if (json_object_get(body, "audio_data") || json_object_get(body, "image_data"))
    throw ApiError::invalid("media_file_id",
                            "send either media_file_id or audio_data/image_data, not both");
  return id;
}

InferenceJob parse_media_file_analyze_request(const json_t *body, const MediaFile &file,
                                              const AiConfig &config) {
  std::string type = analysis_type(body);
  const std::string &mime = file.content_type;
  bool wav = mime == "audio/wav";
  bool image = mime == "image/png" || mime == "image/jpeg";
  std::string what = "media file " + std::to_string(file.id) + " is " + mime;
  InferenceJob job;
  if (type == "faces" || (type == "quality" && !wav)) {
    if (!image)
      throw ApiError::invalid("media_file_id", type == "faces"
                                                   ? "faces needs a PNG or JPEG image; " + what
                                                   : "quality needs a WAV (PCM 16-bit, mono, "
                                                     "16 kHz) or a PNG/JPEG image; " +
                                                         what);
    job = image_job(type, type == "faces" ? config.faces_model : config.video_quality_model,
                    file.bytes);
  } else {
    if (!wav)
      throw ApiError::invalid("media_file_id",
                              type + " needs a WAV file (PCM 16-bit, mono, 16 kHz); " + what);
    WavAudio audio = parse_wav(file.bytes, "media_file_id");
    require_recognizer_format(audio, "media_file_id");
    job = audio_job(type, type == "transcription" ? config.asr_model : config.audio_quality_model,
                    audio);
  }
  job.meeting_id = meeting_id_of(body);
  return job;
}

InferenceJob parse_asr_request(const json_t *body, const AiConfig &config, std::string &language) {
  require_object(body);
  std::string format = optional_text(body, "format");
  if (!format.empty() && strcasecmp(format.c_str(), "wav") != 0)
    throw ApiError::invalid("format", "only wav is supported");
  language = optional_text(body, "language");
  if (language.empty()) language = config.asr_language;
  if (strncasecmp(language.c_str(), "en", 2) != 0 || (language.size() > 2 && language[2] != '-'))
    throw ApiError::invalid("language", "only " + config.asr_language + " is available");
  language = config.asr_language;
  const json_t *rate = json_object_get(body, "sample_rate");
  if (rate && !json_is_null(rate) && !json_is_integer(rate))
    throw ApiError::invalid("sample_rate", "must be an integer");
  std::string audio_text = optional_text(body, "audio_data");
  if (audio_text.empty()) throw ApiError::invalid("audio_data", "required (base64 WAV)");
  WavAudio audio = parse_wav(decode_base64_field(audio_text, "audio_data"), "audio_data");
  if (rate && json_is_integer(rate) && json_integer_value(rate) != audio.sample_rate)
    throw ApiError::invalid("sample_rate", "says " + std::to_string(json_integer_value(rate)) +
                                               " but the WAV is " +
                                               std::to_string(audio.sample_rate) + " Hz");
  require_recognizer_format(audio, "audio_data");
  InferenceJob job = audio_job("transcription", config.asr_model, audio);
  job.meeting_id = meeting_id_of(body);
  return job;
}

InferenceJob parse_submit_request(const json_t *body) {
  require_object(body);
  InferenceJob job;
  job.model = optional_text(body, "model");
  if (job.model.empty()) throw ApiError::invalid("model", "required (see GET /api/v1/models)");
  if (job.model.size() > 128) throw ApiError::invalid("model", "longer than 128 characters");
  job.type = job.model;
  const json_t *data = json_object_get(body, "data");
  if (data && !json_is_null(data) && !json_is_object(data))
    throw ApiError::invalid("data", "must be an object");
  job.header = json_take(data && json_is_object(data) ? json_deep_copy(data) : json_object());
  std::string input = optional_text(body, "input");
  if (!input.empty()) job.payload = decode_base64_field(input, "input");
  job.meeting_id = meeting_id_of(body);
  return job;
}

json_t *analyze_body_from_form(const std::string &content_type, const std::string &body) {
  MultipartForm form(content_type, body);
  json_t *json = json_object();
  for (const MultipartForm::Part &part : form.parts()) {
    if (part.filename.empty() && part.name != "file" && part.name != "audio" &&
        part.name != "image") {
      json_object_set_new(json, part.name.c_str(),
                          json_stringn(part.body.data(), part.body.size()));
      continue;
    }
    bool audio = part.name == "audio" || part.content_type.rfind("audio/", 0) == 0 ||
                 part.body.rfind("RIFF", 0) == 0;
    json_object_set_new(json, audio ? "audio_data" : "image_data",
                        json_string(encode_base64(part.body).c_str()));
  }
  return json;
}

}  // namespace meetgate::ai
