#include "media_fallbacks.hpp"

namespace meetgate::core {
namespace {

void set_unavailable(json_t **error) {
  if (error) *error = json_string("media engine not available");
}

mg_pc_id pc_create(mg_plugin *, mg_plugin_session *, const json_t *, json_t **error) {
  set_unavailable(error);
  return 0;
}
int pc_apply(mg_pc_id, const json_t *, json_t **error) {
  set_unavailable(error);
  return 503;
}
json_t *pc_describe(mg_pc_id, const json_t *, json_t **error) {
  set_unavailable(error);
  return nullptr;
}
void pc_close(mg_pc_id, const char *) {}
void relay_packet(mg_pc_id, const mg_rtp_out *) {}
void relay_data(mg_pc_id, const char *, const uint8_t *, size_t, int) {}
void request_keyframe(mg_pc_id, const char *) {}
mg_producer_id producer_create(mg_pc_id, const char *, json_t **error) {
  set_unavailable(error);
  return 0;
}
void close_id(uint64_t) {}
void pause_id(uint64_t, int) {}
mg_consumer_id consumer_create(mg_producer_id, const mg_consumer_target *, json_t **,
                               json_t **error) {
  set_unavailable(error);
  return 0;
}
void consumer_set_layers(mg_consumer_id, int, int) {}
json_t *no_stats(uint64_t) {
  return nullptr;
}

template <typename Fn>
void fill(Fn &member, Fn fallback) {
  if (member == nullptr) member = fallback;
}

}  // namespace

void fill_missing_media_callbacks(mg_core_callbacks &c) {
  fill(c.pc_create, pc_create);
  fill(c.pc_set_remote_description, pc_apply);
  fill(c.pc_create_answer, pc_describe);
  fill(c.pc_create_offer, pc_describe);
  fill(c.pc_add_candidate, pc_apply);
  fill(c.pc_close, pc_close);
  fill(c.relay_rtp, relay_packet);
  fill(c.relay_rtcp, relay_packet);
  fill(c.relay_data, relay_data);
  fill(c.request_keyframe, request_keyframe);
  fill(c.producer_create, producer_create);
  fill(c.producer_close, close_id);
  fill(c.producer_pause, pause_id);
  fill(c.consumer_create, consumer_create);
  fill(c.consumer_close, close_id);
  fill(c.consumer_pause, pause_id);
  fill(c.consumer_set_layers, consumer_set_layers);
  fill(c.producer_stats, no_stats);
  fill(c.consumer_stats, no_stats);
}

}  // namespace meetgate::core
