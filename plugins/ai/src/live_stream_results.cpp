// LiveStream: what happens to extracted PCM and frames, and to the units'
// replies (captions, face counts, quality warnings).
#include "live_stream.hpp"

namespace meetgate::ai {
namespace {

using infer::json_take;
using infer::JsonPtr;
using Clock = std::chrono::steady_clock;

const json_t *delta_of(const infer::InferEvent &event) {
  const json_t *delta = json_object_get(event.data.get(), "delta");
  return delta ? delta : event.data.get();
}

std::string warnings_of(const json_t *delta, std::initializer_list<const char *> flags) {
  std::string warnings;
  for (const char *flag : flags)
    if (json_is_true(json_object_get(delta, flag)))
      warnings += (warnings.empty() ? "" : ",") + std::string(flag);
  return warnings;
}

}  // namespace

void LiveStream::on_pcm(std::string pcm) {
  std::shared_ptr<ModelSession> asr;
  {
    std::lock_guard lock(mutex_);
    asr = asr_;
  }
  std::weak_ptr<LiveStream> weak = weak_from_this();
  if (asr && take_slot()) {
    submitted_.fetch_add(1);
    if (!asr->submit(
            json_take(json_pack("{s:i,s:i,s:b}", "sample_rate", 16000, "channels", 1, "end", 0)),
            pcm, release_slot_then([weak](infer::InferEvent &&event) {
              if (auto self = weak.lock()) self->on_caption(event);
            })))
      in_flight_.fetch_sub(1);
  }
  if (take_slot()) {
    submitted_.fetch_add(1);
    infer::Submission sent = context_.client.infer(
        context_.config.audio_quality_model,
        json_take(json_pack("{s:i,s:i}", "sample_rate", 16000, "channels", 1)), std::move(pcm),
        release_slot_then([weak](infer::InferEvent &&event) {
          if (auto self = weak.lock()) self->on_quality("audio_quality", event);
        }));
    if (!sent) in_flight_.fetch_sub(1);
  }
}

void LiveStream::on_frame(extract::ExtractedFrame frame) {
  std::shared_ptr<ModelSession> video_quality;
  {
    std::lock_guard lock(mutex_);
    video_quality = video_quality_;
  }
  std::weak_ptr<LiveStream> weak = weak_from_this();
  if (take_slot()) {
    submitted_.fetch_add(1);
    infer::Submission sent = context_.client.infer(
        context_.config.faces_model, json_take(json_pack("{s:s}", "format", "jpeg")), frame.data,
        release_slot_then([weak](infer::InferEvent &&event) {
          if (auto self = weak.lock()) self->on_faces(event);
        }));
    if (!sent) in_flight_.fetch_sub(1);
  }
  if (video_quality && take_slot()) {
    submitted_.fetch_add(1);
    if (!video_quality->submit(json_take(json_pack("{s:s}", "format", "jpeg")),
                               std::move(frame.data),
                               release_slot_then([weak](infer::InferEvent &&event) {
                                 if (auto self = weak.lock())
                                   self->on_quality("video_quality", event);
                               })))
      in_flight_.fetch_sub(1);
  }
}

void LiveStream::on_caption(const infer::InferEvent &event) {
  if (event.error) return;
  const json_t *delta = delta_of(event);
  std::string type = infer::json_string_field(delta, "type");
  if (type != "partial" && type != "final") return;  // "progress" ends each chunk
  std::string text = infer::json_string_field(delta, "text");
  if (text.empty()) return;
  bool final = type == "final";
  JsonPtr caption = json_take(json_pack("{s:s,s:b}", "text", text.c_str(), "final", final));
  for (const char *key : {"confidence", "start_ms", "end_ms", "utterance"})
    if (json_t *value = json_object_get(delta, key)) json_object_set(caption.get(), key, value);
  context_.reporter.report(producer_.meeting_id, producer_.user_id, producer_.producer_id,
                           "caption", caption.get(), final);
}

void LiveStream::on_faces(const infer::InferEvent &event) {
  if (event.error) return;
  const json_t *delta = delta_of(event);
  int count = static_cast<int>(json_integer_value(json_object_get(delta, "count")));
  bool changed, due;
  {
    std::lock_guard lock(report_mutex_);
    auto now = Clock::now();
    changed = count != last_face_count_;
    due = changed || now - last_faces_at_ >=
                         std::chrono::milliseconds(context_.config.live_report_interval_ms);
    if (due) {
      last_face_count_ = count;
      last_faces_at_ = now;
    }
  }
  if (due)
    context_.reporter.report(producer_.meeting_id, producer_.user_id, producer_.producer_id,
                             "faces", delta, changed);
}

void LiveStream::on_quality(const std::string &type, const infer::InferEvent &event) {
  if (event.error) return;
  const json_t *delta = delta_of(event);
  bool audio = type == "audio_quality";
  std::string warnings = audio ? warnings_of(delta, {"silent", "clipped"})
                               : warnings_of(delta, {"blurry", "black", "frozen"});
  bool changed, due;
  {
    std::lock_guard lock(report_mutex_);
    std::string &last = audio ? last_audio_warning_ : last_video_warning_;
    Clock::time_point &at = audio ? last_audio_at_ : last_video_at_;
    auto now = Clock::now();
    changed = warnings != last;
    due = changed || now - at >= std::chrono::milliseconds(context_.config.live_report_interval_ms);
    if (due) {
      last = warnings;
      at = now;
    }
  }
  if (!due) return;
  JsonPtr data = json_take(json_deep_copy(delta));
  json_object_set_new(data.get(), "warnings", json_string(warnings.c_str()));
  context_.reporter.report(producer_.meeting_id, producer_.user_id, producer_.producer_id, type,
                           data.get(), changed);
}

}  // namespace meetgate::ai
