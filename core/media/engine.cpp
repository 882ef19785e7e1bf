// The media engine behind the ABI: start/stop, the mg_core_callbacks media
// members, close_session and stats. Each callback validates its arguments,
// then runs on the PeerConnection's worker through PeerConnectionRegistry.
#include "engine.hpp"

#include <interfaces.h>
#include <netdb.h>
#include <sys/socket.h>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <thread>

#include "dtls_identity.hpp"
#include "media_router.hpp"
#include "peer_connection.hpp"
#include "peer_connection_registry.hpp"
#include "srtp_session.hpp"

namespace meetgate::media {
namespace {

std::shared_mutex g_engine_mutex;       // guards g_registry against start/stop
std::unique_ptr<MediaRouter> g_router;  // outlives g_registry
std::unique_ptr<PeerConnectionRegistry> g_registry;

json_t *error_text(const std::string &message) {
  return json_string(message.c_str());
}

void set_error(json_t **error, const std::string &message) {
  if (error) *error = error_text(message);
}

// "host:port" -> numeric address and port; false if it does not resolve.
bool resolve_server(const std::string &server, std::string &ip, unsigned &port) {
  size_t colon = server.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = server.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  port = static_cast<unsigned>(std::atoi(server.c_str() + colon + 1));
  addrinfo hints{};
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo *result = nullptr;
  if (port == 0 || getaddrinfo(host.c_str(), nullptr, &hints, &result) != 0 || !result)
    return false;
  char text[NI_MAXHOST];
  bool ok = getnameinfo(result->ai_addr, result->ai_addrlen, text, sizeof text, nullptr, 0,
                        NI_NUMERICHOST) == 0;
  freeaddrinfo(result);
  if (ok) ip = text;
  return ok;
}

// Host candidate addresses: the configured interfaces/IPs, or every
// non-loopback address (plus loopback when allowed).
std::vector<std::string> local_addresses(const EngineConfig &config) {
  std::vector<std::string> addresses;
  std::stringstream entries(config.interfaces);
  for (std::string entry; std::getline(entries, entry, ',');) {
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    if (entry.empty()) continue;
    NiceAddress probe;
    if (nice_address_set_from_string(&probe, entry.c_str())) {
      addresses.push_back(entry);
    } else if (gchar *ip =
                   nice_interfaces_get_ip_for_interface(const_cast<gchar *>(entry.c_str()))) {
      addresses.emplace_back(ip);
      g_free(ip);
    }
  }
  if (addresses.empty() && config.interfaces.empty()) {
    GList *ips = nice_interfaces_get_local_ips(FALSE);
    for (GList *item = ips; item; item = item->next) {
      addresses.emplace_back(static_cast<char *>(item->data));
      g_free(item->data);
    }
    g_list_free(ips);
  }
  if (config.allow_loopback && config.interfaces.empty()) addresses.emplace_back("127.0.0.1");
  return addresses;
}

bool make_ice_settings(const EngineConfig &config, IceSettings &ice, std::string &error) {
  ice.local_addresses = local_addresses(config);
  if (ice.local_addresses.empty()) {
    error = "media: no usable address in interfaces \"" + config.interfaces + "\"";
    return false;
  }
  ice.public_ip = config.public_ip;
  if (!config.stun_server.empty() &&
      !resolve_server(config.stun_server, ice.stun_ip, ice.stun_port)) {
    error = "media: cannot resolve stun_server " + config.stun_server;
    return false;
  }
  if (!config.turn_server.empty() &&
      !resolve_server(config.turn_server, ice.turn_ip, ice.turn_port)) {
    error = "media: cannot resolve turn_server " + config.turn_server;
    return false;
  }
  ice.turn_user = config.turn_user;
  ice.turn_password = config.turn_password;
  if (config.rtp_port_min < 0 || config.rtp_port_max > 65535 ||
      config.rtp_port_min > config.rtp_port_max) {
    error = "media: invalid rtp_port_min/rtp_port_max";
    return false;
  }
  ice.port_min = static_cast<unsigned>(config.rtp_port_min);
  ice.port_max = static_cast<unsigned>(config.rtp_port_max);
  ice.lite = config.ice_lite;
  return true;
}

// Runs `task` with the registry held shared; false (with *error) if stopped.
template <typename Task>
bool with_registry(json_t **error, Task &&task) {
  std::shared_lock lock(g_engine_mutex);
  if (!g_registry) {
    set_error(error, "media engine is not running");
    return false;
  }
  task(*g_registry);
  return true;
}

mg_pc_id pc_create(mg_plugin *self, mg_plugin_session *session, const json_t *options,
                   json_t **error) {
  if (!self || !session) {
    set_error(error, "pc_create needs the plugin and its session");
    return 0;
  }
  bool raw_rtp = json_is_true(json_object_get(options, "raw_rtp"));
  bool ice_lite = json_is_true(json_object_get(options, "ice_lite"));
  if (json_is_true(json_object_get(options, "data_channels"))) {
    set_error(error, "data channels are not supported by this media engine");
    return 0;
  }
  mg_pc_id id = 0;
  std::string message;
  with_registry(error, [&](PeerConnectionRegistry &registry) {
    id = registry.create(self, session, raw_rtp, ice_lite, message);
    if (!id) set_error(error, message);
  });
  return id;
}

int pc_set_remote_description(mg_pc_id pc, const json_t *jsep, json_t **error) {
  const char *type = json_string_value(json_object_get(jsep, "type"));
  const char *sdp = json_string_value(json_object_get(jsep, "sdp"));
  if (!type || !sdp) {
    set_error(error, "a description needs \"type\" and \"sdp\" strings");
    return 400;
  }
  int status = 404;
  std::string message = "unknown PeerConnection";
  with_registry(error, [&](PeerConnectionRegistry &registry) {
    registry.with(pc, [&](PeerConnection &connection) {
      status = connection.set_remote_description(type, sdp, message);
    });
    if (status != 0) set_error(error, message);
  });
  return status;
}

json_t *create_description(mg_pc_id pc, bool offer, json_t **error) {
  json_t *description = nullptr;
  std::string message = "unknown PeerConnection";
  with_registry(error, [&](PeerConnectionRegistry &registry) {
    registry.with(pc, [&](PeerConnection &connection) {
      description = offer ? connection.create_offer(message) : connection.create_answer(message);
    });
    if (!description) set_error(error, message);
  });
  return description;
}

json_t *pc_create_answer(mg_pc_id pc, const json_t *, json_t **error) {
  return create_description(pc, false, error);
}

json_t *pc_create_offer(mg_pc_id pc, const json_t *, json_t **error) {
  return create_description(pc, true, error);
}

int pc_add_candidate(mg_pc_id pc, const json_t *candidate, json_t **error) {
  if (!json_is_object(candidate)) {
    set_error(error, "a candidate must be an object");
    return 400;
  }
  int status = 404;
  std::string message = "unknown PeerConnection";
  with_registry(error, [&](PeerConnectionRegistry &registry) {
    registry.with(pc, [&](PeerConnection &connection) {
      status = connection.add_candidate(candidate, message);
    });
    if (status != 0) set_error(error, message);
  });
  return status;
}

void pc_close(mg_pc_id pc, const char *reason) {
  std::string why = reason ? reason : "closed";
  with_registry(nullptr, [&](PeerConnectionRegistry &registry) {
    registry.with(pc, [&](PeerConnection &connection) { connection.close(why); });
  });
}

void relay(mg_pc_id pc, const mg_rtp_out *packet, bool rtcp) {
  if (!packet || !packet->data || packet->len == 0 || packet->len > 1500) return;
  std::shared_lock lock(g_engine_mutex);
  if (!g_registry) return;
  // Copied here: the plugin's buffer is only borrowed for this call.
  std::vector<uint8_t> copy(packet->data, packet->data + packet->len);
  std::string mid = packet->mid ? packet->mid : "";
  mg_media_kind kind = packet->kind;
  g_registry->post(
      pc, [copy = std::move(copy), mid = std::move(mid), kind, rtcp](PeerConnection &connection) {
        if (rtcp)
          connection.relay_rtcp(copy.data(), copy.size(), mid, kind);
        else
          connection.relay_rtp(copy.data(), copy.size(), mid, kind);
      });
}

void relay_rtp(mg_pc_id pc, const mg_rtp_out *packet) {
  relay(pc, packet, false);
}
void relay_rtcp(mg_pc_id pc, const mg_rtp_out *packet) {
  relay(pc, packet, true);
}

void relay_data(mg_pc_id, const char *, const uint8_t *, size_t, int) {
  // Data channels are refused at pc_create, so no PeerConnection has one.
}

void request_keyframe(mg_pc_id pc, const char *mid) {
  std::string name = mid ? mid : "";
  std::shared_lock lock(g_engine_mutex);
  if (g_registry)
    g_registry->post(pc, [name](PeerConnection &connection) { connection.request_keyframe(name); });
}

template <typename Task>
auto with_router(Task &&task) {
  std::shared_lock lock(g_engine_mutex);
  return task(g_router.get());
}

mg_producer_id producer_create(mg_pc_id pc, const char *mid, json_t **error) {
  if (!mid) {
    set_error(error, "producer_create needs a mid");
    return 0;
  }
  return with_router([&](MediaRouter *router) -> mg_producer_id {
    std::string message = "media engine is not running";
    mg_producer_id id = router ? router->create_producer(pc, mid, message) : 0;
    if (!id) set_error(error, message);
    return id;
  });
}

void producer_close(mg_producer_id producer) {
  with_router([&](MediaRouter *router) {
    if (router) router->close_producer(producer);
  });
}

void producer_pause(mg_producer_id producer, int paused) {
  with_router([&](MediaRouter *router) {
    if (router) router->router().pause_producer(producer, paused != 0);
  });
}

mg_consumer_id consumer_create(mg_producer_id producer, const mg_consumer_target *target,
                               json_t **mid_out, json_t **error) {
  if (!target) {
    set_error(error, "consumer_create needs a target");
    return 0;
  }
  return with_router([&](MediaRouter *router) -> mg_consumer_id {
    std::string message = "media engine is not running", mid;
    mg_consumer_id id = router ? router->create_consumer(producer, *target, mid, message) : 0;
    if (!id) set_error(error, message);
    if (id && mid_out && !mid.empty()) *mid_out = json_string(mid.c_str());
    return id;
  });
}

void consumer_close(mg_consumer_id consumer) {
  with_router([&](MediaRouter *router) {
    if (router) router->close_consumer(consumer);
  });
}

void consumer_pause(mg_consumer_id consumer, int paused) {
  with_router([&](MediaRouter *router) {
    if (router) router->router().pause_consumer(consumer, paused != 0);
  });
}

void consumer_set_layers(mg_consumer_id consumer, int spatial, int temporal) {
  with_router([&](MediaRouter *router) {
    if (router) router->router().set_layers(consumer, spatial, temporal);
  });
}

json_t *producer_stats(mg_producer_id producer) {
  return with_router([&](MediaRouter *router) -> json_t * {
    return router ? router->producer_stats(producer) : nullptr;
  });
}

json_t *consumer_stats(mg_consumer_id consumer) {
  return with_router([&](MediaRouter *router) -> json_t * {
    return router ? router->consumer_stats(consumer) : nullptr;
  });
}

}  // namespace

bool start(const EngineConfig &config, std::string &error) {
  std::unique_lock lock(g_engine_mutex);
  if (g_registry) return true;
  if (!SrtpSession::initialize_library()) {
    error = "media: libsrtp2 initialisation failed";
    return false;
  }
  IceSettings ice;
  if (!make_ice_settings(config, ice, error)) return false;
  auto identity = DtlsIdentity::create(config.dtls_cert_pem, config.dtls_key_pem, error);
  if (!identity) return false;
  int workers = config.workers > 0
                    ? config.workers
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  g_router = std::make_unique<MediaRouter>();
  g_registry = std::make_unique<PeerConnectionRegistry>(config, std::move(identity), std::move(ice),
                                                        workers, &g_router->router());
  g_router->set_registry(g_registry.get());
  return true;
}

void stop() {
  std::unique_ptr<PeerConnectionRegistry> registry;
  std::unique_ptr<MediaRouter> router;
  {
    std::unique_lock lock(g_engine_mutex);
    registry = std::move(g_registry);
    router = std::move(g_router);
  }
  if (!registry) return;
  router->stop_ticks();
  router->set_registry(nullptr);
  registry.reset();  // closes every PeerConnection (hangup_media) and joins the workers
  router.reset();    // the router closes whatever local consumers are left
}

void fill_callbacks(mg_core_callbacks &callbacks) {
  callbacks.pc_create = pc_create;
  callbacks.pc_set_remote_description = pc_set_remote_description;
  callbacks.pc_create_answer = pc_create_answer;
  callbacks.pc_create_offer = pc_create_offer;
  callbacks.pc_add_candidate = pc_add_candidate;
  callbacks.pc_close = pc_close;
  callbacks.relay_rtp = relay_rtp;
  callbacks.relay_rtcp = relay_rtcp;
  callbacks.relay_data = relay_data;
  callbacks.request_keyframe = request_keyframe;
  callbacks.producer_create = producer_create;
  callbacks.producer_close = producer_close;
  callbacks.producer_pause = producer_pause;
  callbacks.consumer_create = consumer_create;
  callbacks.consumer_close = consumer_close;
  callbacks.consumer_pause = consumer_pause;
  callbacks.consumer_set_layers = consumer_set_layers;
  callbacks.producer_stats = producer_stats;
  callbacks.consumer_stats = consumer_stats;
}

void close_session(mg_plugin_session *session) {
  std::shared_lock lock(g_engine_mutex);
  if (g_registry) g_registry->close_session(session);
}

json_t *stats() {
  std::shared_lock lock(g_engine_mutex);
  if (!g_registry)
    return json_pack("{s:i,s:i,s:i}", "peer_connections", 0, "producers", 0, "consumers", 0);
  json_t *stats = g_registry->stats();
  g_router->add_stats(stats);
  return stats;
}

}  // namespace meetgate::media
