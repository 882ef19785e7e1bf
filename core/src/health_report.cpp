#include "health_report.hpp"

#include <cmath>
#include <vector>

#include "engine.hpp"

namespace meetgate::core {

JsonPtr HealthReport::plugins() const {
  // As for transports: described under the module lock, asked outside it.
  struct Entry {
    json_t *json;
    mg_plugin *table;
  };
  std::vector<Entry> entries;
  gateway_.for_each_plugin([&entries](const LoadedPlugin &plugin) {
    entries.push_back(
        {json_pack("{s:s, s:s, s:s, s:s}", "package", plugin.package.c_str(), "name",
                   plugin.name.c_str(), "version", plugin.version.c_str(), "description",
                   plugin.description.c_str()),
         plugin.table});
  });
  JsonPtr list = adopt_json(json_array());
  for (const Entry &entry : entries) {
    JsonPtr health = plugin_health(entry.table);
    if (health) json_object_set(entry.json, "health", health.get());
    json_array_append_new(list.get(), entry.json);
  }
  return list;
}

// The plugin's own health figures (rooms, clients, ...): the answer to the
// admin message {"request":"health"} when it is an object without "error"
// (plugin.h, handle_admin_message).
JsonPtr HealthReport::plugin_health(mg_plugin *plugin) {
  if (plugin->handle_admin_message == nullptr) return {};
  JsonPtr request = adopt_json(json_pack("{s:s}", "request", "health"));
  JsonPtr answer = adopt_json(plugin->handle_admin_message(request.get()));
  if (!json_is_object(answer.get()) || json_object_get(answer.get(), "error")) return {};
  return answer;
}

JsonPtr HealthReport::transports() const {
  // Collected under the module lock, queried outside it: query() may log,
  // which takes the same lock.
  struct Entry {
    json_t *json;
    mg_transport *table;
  };
  std::vector<Entry> entries;
  gateway_.for_each_transport([&entries](const LoadedTransport &transport) {
    entries.push_back({json_pack("{s:s, s:s, s:s}", "package", transport.package.c_str(), "name",
                                 transport.name.c_str(), "version", transport.version.c_str()),
                       transport.table});
  });
  JsonPtr list = adopt_json(json_array());
  for (const Entry &entry : entries) {
    JsonPtr details = adopt_json(gateway_.query_transport(entry.table));
    if (json_is_object(details.get())) json_object_update_missing(entry.json, details.get());
    json_array_append_new(list.get(), entry.json);
  }
  return list;
}

JsonPtr HealthReport::build() const {
  JsonPtr report = adopt_json(json_object());
  json_t *data = report.get();
  json_object_set_new(data, "status", json_string("ok"));
  json_object_set_new(data, "version", json_string(gateway_.settings().get("version")));
  json_object_set_new(data, "uptime_seconds",
                      json_integer(static_cast<json_int_t>(std::floor(gateway_.uptime_seconds()))));
  json_object_set_new(data, "node_id", json_string(gateway_.config().general.node_id.c_str()));
  json_object_set_new(data, "plugins", plugins().release());
  json_object_set_new(data, "transports", transports().release());
  json_object_set_new(data, "sessions",
                      json_integer(static_cast<json_int_t>(gateway_.sessions().count())));
  json_t *media_stats = media::stats();
  if (media_stats && json_is_object(media_stats)) {
    json_object_set_new(media_stats, "running", json_boolean(gateway_.media_running()));
  }
  json_object_set_new(data, "media", media_stats ? media_stats : json_null());
  return report;
}

}  // namespace meetgate::core
