// The selective forwarding unit of the videoroom: per participant one
// publishing PeerConnection (client offers, server answers) and one
// subscribing PeerConnection (server offers, client answers), producers for
// every incoming track and consumers for every wanted producer of the
// others. The core moves the packets; this class only decides who gets what.
//
// Every public call queues a job on the SFU's own thread and returns at
// once; all SFU state and every PeerConnection call live on that thread, so
// media events are applied in order and never block a media worker.
// Glare: the client only ever offers on its publishing PeerConnection and
// the server only on the subscribing one, with at most one offer
// outstanding; changes that arrive meanwhile are sent in the next offer.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "json_ref.hpp"
#include "sfu_host.hpp"
#include "sfu_state.hpp"
#include "work_queue.hpp"

namespace meetgate::videoroom {

struct SfuLimits {
  size_t max_tracks_per_publisher = 6;
  int64_t speaker_interval_ms = 1000;
  int speaker_max_dbov = 50;
};

class Sfu {
 public:
  Sfu(SfuHost &host, SfuLimits limits);
  ~Sfu();  // runs the queued jobs, then closes every PeerConnection left

  Sfu(const Sfu &) = delete;
  Sfu &operator=(const Sfu &) = delete;

  // Signaling (payloads borrowed; copied into the job).
  void join(const std::string &meeting_id, int64_t meeting_number, uint64_t core_id,
            int64_t user_id);
  void leave(uint64_t core_id);
  void offer(uint64_t core_id, const json_t *id, const json_t *payload);
  void answer(uint64_t core_id, const json_t *id, const json_t *payload);
  void candidate(uint64_t core_id, const json_t *id, const json_t *payload);
  void subscribe(uint64_t core_id, const json_t *id, const json_t *payload);
  void unpublish(uint64_t core_id, const json_t *id, const json_t *payload);

  // Media hooks and host actions.
  void media_event(uint64_t core_id, mg_pc_id pc, const json_t *event);
  void hangup(uint64_t core_id, mg_pc_id pc);
  void mute(const std::string &meeting_id, int64_t user_id, const std::string &kind, bool muted);
  void close_room(const std::string &meeting_id);

  // Stats for REST: `done` gets a new JSON object on the SFU thread.
  // `meeting_ids` empty = every room.
  void stats(std::function<void(json_t *)> done, bool all_rooms, std::set<std::string> meeting_ids);

 private:
  using MessageWorker = void (Sfu::*)(uint64_t, const json_t *, const json_t *);
  void post_message(uint64_t core_id, const json_t *id, const json_t *payload,
                    MessageWorker worker);

  // sfu.cpp: rooms and participants
  SfuPeer *peer_of(uint64_t core_id);
  SfuRoom *room_of(const std::string &meeting_id);
  void do_join(const std::string &meeting_id, int64_t meeting_number, uint64_t core_id,
               int64_t user_id);
  void do_leave(uint64_t core_id);
  void do_media_event(uint64_t core_id, mg_pc_id pc, const json_t *event);
  void do_hangup(uint64_t core_id, mg_pc_id pc);
  void do_mute(const std::string &meeting_id, int64_t user_id, const std::string &kind, bool muted);
  void on_audio_level(SfuPeer &peer, const json_t *event);
  json_t *stats_json(bool all_rooms, const std::set<std::string> &meeting_ids);
  // Bus events for the recorder and ai plugins (videoroom.producer_*).
  void announce_producer_added(const SfuPeer &publisher, const SfuTrack &track);
  void announce_producer_removed(const SfuPeer &publisher, mg_producer_id producer);

  // sfu_negotiation.cpp: descriptions, candidates, producers, consumers
  void do_offer(uint64_t core_id, const json_t *id, const json_t *payload);
  void do_answer(uint64_t core_id, const json_t *id, const json_t *payload);
  void do_candidate(uint64_t core_id, const json_t *id, const json_t *payload);
  void do_subscribe(uint64_t core_id, const json_t *id, const json_t *payload);
  void do_unpublish(uint64_t core_id, const json_t *id, const json_t *payload);
  void on_track(SfuPeer &publisher, const json_t *event);
  void on_candidate(SfuPeer &peer, mg_pc_id pc, const json_t *event);
  bool wants(const SfuPeer &subscriber, const SfuPeer &publisher) const;
  void attach(SfuPeer &subscriber, const SfuPeer &publisher, const SfuTrack &track);
  void detach_producer(SfuRoom &room, mg_producer_id producer);
  void close_track(SfuPeer &publisher, const std::string &mid);
  void sync_consumers(SfuPeer &subscriber);
  void renegotiate(SfuPeer &subscriber);
  void renegotiate_room(const std::string &meeting_id);
  void request_keyframes(const SfuPeer &subscriber);
  json_t *streams_json(const SfuPeer &subscriber) const;

  SfuHost &host_;
  const mg_core_callbacks &core_;
  SfuLimits limits_;
  std::map<std::string, SfuRoom> rooms_;
  std::map<uint64_t, std::string> room_of_peer_;
  WorkQueue queue_;  // last: its thread runs jobs that use the members above
};

}  // namespace meetgate::videoroom
