// Interim engine until the WebRTC stack lands: every media call is refused
// with a clear error, so plugins see "unavailable" rather than a crash.
#include "engine.hpp"

namespace meetgate::media {
namespace {
json_t *unavailable() { return json_string("media engine not available in this build"); }
mg_pc_id pc_create(mg_plugin *, mg_plugin_session *, const json_t *, json_t **error) {
  if (error) *error = unavailable();
  return 0;
}
}  // namespace

bool start(const EngineConfig &, std::string &) { return true; }
void stop() {}
void fill_callbacks(mg_core_callbacks &callbacks) { callbacks.pc_create = pc_create; }
void close_session(mg_plugin_session *) {}
json_t *stats() { return json_object(); }
}  // namespace meetgate::media
