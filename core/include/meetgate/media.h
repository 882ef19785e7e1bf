/*
 * meetgate/media.h — the media types of the plugin ABI.
 *
 * Vocabulary (after mediasoup):
 *  - PeerConnection (pc): one WebRTC transport (ICE + DTLS-SRTP, BUNDLE) of a
 *    session. A session may own several. Identified by mg_pc_id.
 *  - Track: an m-line (mid) of a PeerConnection.
 *  - Producer: an incoming track the plugin has declared a media source.
 *  - Consumer: something the core forwards a producer's packets to: a
 *    sending track of another PeerConnection, a local sink callback, or an
 *    RTP/SRTP forwarder to host:port.
 *
 * The core does the per-packet fan-out on its media workers: SSRC, sequence
 * number and timestamp rewriting, NACK answers from a retransmission buffer,
 * keyframe requests, simulcast layer choice. It never calls a plugin per
 * packet per consumer. A plugin that wants raw RTP instead asks for it when it
 * creates the PeerConnection ("raw_rtp": true) and receives incoming_rtp /
 * incoming_rtcp, answering with relay_rtp / relay_rtcp (the Janus model).
 */
#ifndef MEETGATE_MEDIA_H
#define MEETGATE_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t mg_pc_id;       /* 0 = none/invalid */
typedef uint64_t mg_producer_id; /* 0 = none/invalid */
typedef uint64_t mg_consumer_id; /* 0 = none/invalid */

typedef enum mg_media_kind {
  MG_MEDIA_AUDIO = 0,
  MG_MEDIA_VIDEO = 1,
} mg_media_kind;

/* One RTP or RTCP packet as it crosses the ABI: decrypted (plain RTP/RTCP),
 * borrowed for the duration of the call. Do not keep the pointer. */
typedef struct mg_rtp_packet {
  const uint8_t *data;
  size_t len;
  mg_media_kind kind;
  const char *mid;  /* the m-line it belongs to; NULL if unknown */
  uint64_t arrival_us; /* monotonic microseconds when it arrived */
} mg_rtp_packet;

/* A packet a plugin sends back with relay_rtp/relay_rtcp. The core copies it
 * (into a pooled buffer) before the call returns. */
typedef struct mg_rtp_out {
  const uint8_t *data;
  size_t len;
  const char *mid;   /* the sending m-line of the target PeerConnection;
                        NULL = the first m-line of `kind` */
  mg_media_kind kind;
} mg_rtp_out;

/* A local sink: the core calls it on a media worker thread with each plain
 * RTP packet of the producer (after rewriting, in arrival order). It must not
 * block: queue and return (GStreamer appsrc with a leaky queue is the model).
 * `codec` is the producer's codec name ("VP8", "VP9", "H264", "opus"),
 * `clock_rate` its RTP clock and `payload_type` the PT the packets carry. */
typedef struct mg_sink_info {
  mg_media_kind kind;
  const char *codec;
  uint32_t clock_rate;
  uint8_t payload_type;
  uint8_t channels;
} mg_sink_info;

typedef void (*mg_sink_packet_fn)(void *opaque, const mg_sink_info *info,
                                  const uint8_t *rtp, size_t len);
/* Called once, on any thread, when the consumer is closed (by the plugin, or
 * because the producer went away). After it returns the core never calls the
 * sink again: release `opaque` here. */
typedef void (*mg_sink_closed_fn)(void *opaque);

typedef enum mg_consumer_type {
  MG_CONSUMER_PEER = 0,      /* a sending track of another PeerConnection */
  MG_CONSUMER_SINK = 1,      /* a local callback (recorder, AI pipelines) */
  MG_CONSUMER_FORWARDER = 2, /* plain RTP (or SRTP) to host:port (PBX, CDN) */
} mg_consumer_type;

typedef struct mg_consumer_target {
  mg_consumer_type type;
  /* MG_CONSUMER_PEER: the PeerConnection to send on. The core adds a sendonly
   * m-line (or reuses an inactive one); the plugin then renegotiates with
   * pc_create_offer. */
  mg_pc_id pc;
  /* MG_CONSUMER_SINK */
  mg_sink_packet_fn sink_packet;
  mg_sink_closed_fn sink_closed;
  void *sink_opaque;
  /* MG_CONSUMER_FORWARDER */
  const char *host;     /* numeric IPv4/IPv6 address */
  uint16_t port;
  uint8_t payload_type; /* 0 = keep the producer's */
  uint32_t ssrc;        /* 0 = the core picks one */
  const char *srtp_key_base64; /* NULL = plain RTP; else AES_CM_128_HMAC_SHA1_80
                                  master key+salt, 30 bytes base64 */
} mg_consumer_target;

#ifdef __cplusplus
}
#endif

#endif /* MEETGATE_MEDIA_H */
