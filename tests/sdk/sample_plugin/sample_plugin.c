/*
 * A third-party plugin built out of tree against an installed meetgate SDK,
 * in plain C, to prove the ABI needs no C++ and no meetgate source tree.
 *
 * It serves GET /api/v1/<SAMPLE_NAME> with {"package": ..., "calls": n}.
 * SAMPLE_NAME (default "sdksample") is set at compile time so the CMake and
 * the pkg-config builds can be loaded side by side as two plugins.
 */
#include <meetgate/plugin.h>
#include <stdatomic.h>
#include <string.h>

#ifndef SAMPLE_NAME
#define SAMPLE_NAME "sdksample"
#endif

static const mg_core_callbacks *core;
static atomic_long calls;
static mg_plugin sample_plugin;

static int sample_init(const mg_core_callbacks *callbacks, const char *config_path) {
  (void)config_path; /* no settings */
  core = callbacks;
  if (core->register_route(&sample_plugin, "/api/v1/" SAMPLE_NAME, 0) != 0) {
    return -1;
  }
  core->log(&sample_plugin, MG_LOG_INFO, "out-of-tree plugin %s ready", SAMPLE_NAME);
  return 0;
}

static void sample_destroy(void) {
  core = NULL;
}

static const char *sample_package(void) {
  return "meetgate.plugin." SAMPLE_NAME;
}
static const char *sample_name(void) {
  return "SDK sample (" SAMPLE_NAME ")";
}
static const char *sample_version(void) {
  return "1.0.0";
}
static const char *sample_description(void) {
  return "Built out of tree against the SDK";
}

static void sample_handle_http(const mg_http_request *request, mg_http_responder *responder) {
  if (strcmp(request->method, "GET") != 0) {
    core->respond_json(responder, 405, "method not allowed", json_string("use GET"));
    return;
  }
  long n = atomic_fetch_add(&calls, 1) + 1;
  core->respond_json(responder, 200, "success",
                     json_pack("{s:s,s:I}", "package", sample_package(), "calls", (json_int_t)n));
}

static mg_plugin sample_plugin = {
    .api_version = MEETGATE_PLUGIN_API_VERSION,
    .init = sample_init,
    .destroy = sample_destroy,
    .get_package = sample_package,
    .get_name = sample_name,
    .get_version_string = sample_version,
    .get_description = sample_description,
    .handle_http = sample_handle_http,
};

MG_EXPORT mg_plugin *meetgate_plugin_create(void) {
  return &sample_plugin;
}
