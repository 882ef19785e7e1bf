#include "sfu.hpp"

#include <string_view>
#include <utility>
#include <vector>

namespace meetgate::videoroom {

namespace {

JsonRef copy_or_null(const json_t *json) {
  return json ? adopt(json_deep_copy(json)) : JsonRef();
}

}  // namespace

Sfu::Sfu(SfuHost &host, SfuLimits limits) : host_(host), core_(host.core()), limits_(limits) {}

Sfu::~Sfu() {
  queue_.post([this] {
    std::vector<uint64_t> everyone;
    for (const auto &[core_id, meeting_id] : room_of_peer_) everyone.push_back(core_id);
    for (uint64_t core_id : everyone) do_leave(core_id);
  });
}

// --- entry points: copy, queue, return ----------------------------------

void Sfu::join(const std::string &meeting_id, int64_t meeting_number, uint64_t core_id,
               int64_t user_id) {
  queue_.post([this, meeting_id, meeting_number, core_id, user_id] {
    do_join(meeting_id, meeting_number, core_id, user_id);
  });
}

void Sfu::leave(uint64_t core_id) {
  queue_.post([this, core_id] { do_leave(core_id); });
}

void Sfu::post_message(uint64_t core_id, const json_t *id, const json_t *payload,
                       MessageWorker worker) {
  auto id_copy = std::make_shared<JsonRef>(copy_or_null(id));
  auto payload_copy = std::make_shared<JsonRef>(copy_or_null(payload));
  queue_.post([this, core_id, id_copy, payload_copy, worker] {
    (this->*worker)(core_id, id_copy->get(), payload_copy->get());
  });
}

void Sfu::offer(uint64_t core_id, const json_t *id, const json_t *payload) {
  post_message(core_id, id, payload, &Sfu::do_offer);
}
void Sfu::answer(uint64_t core_id, const json_t *id, const json_t *payload) {
  post_message(core_id, id, payload, &Sfu::do_answer);
}
void Sfu::candidate(uint64_t core_id, const json_t *id, const json_t *payload) {
  post_message(core_id, id, payload, &Sfu::do_candidate);
}
void Sfu::subscribe(uint64_t core_id, const json_t *id, const json_t *payload) {
  post_message(core_id, id, payload, &Sfu::do_subscribe);
}
void Sfu::unpublish(uint64_t core_id, const json_t *id, const json_t *payload) {
  post_message(core_id, id, payload, &Sfu::do_unpublish);
}

void Sfu::media_event(uint64_t core_id, mg_pc_id pc, const json_t *event) {
  auto event_copy = std::make_shared<JsonRef>(copy_or_null(event));
  queue_.post([this, core_id, pc, event_copy] { do_media_event(core_id, pc, event_copy->get()); });
}

void Sfu::hangup(uint64_t core_id, mg_pc_id pc) {
  queue_.post([this, core_id, pc] { do_hangup(core_id, pc); });
}

void Sfu::mute(const std::string &meeting_id, int64_t user_id, const std::string &kind,
               bool muted) {
  queue_.post([=, this] { do_mute(meeting_id, user_id, kind, muted); });
}

void Sfu::close_room(const std::string &meeting_id) {
  queue_.post([this, meeting_id] {
    SfuRoom *room = room_of(meeting_id);
    if (room == nullptr) return;
    std::vector<uint64_t> members;
    for (const auto &[core_id, peer] : room->peers) members.push_back(core_id);
    for (uint64_t core_id : members) do_leave(core_id);
  });
}

void Sfu::stats(std::function<void(json_t *)> done, bool all_rooms,
                std::set<std::string> meeting_ids) {
  queue_.post([this, done = std::move(done), all_rooms, meeting_ids = std::move(meeting_ids)] {
    done(stats_json(all_rooms, meeting_ids));
  });
}

// --- on the SFU thread ----------------------------------------------------

SfuPeer *Sfu::peer_of(uint64_t core_id) {
  auto found = room_of_peer_.find(core_id);
  if (found == room_of_peer_.end()) return nullptr;
  SfuRoom *room = room_of(found->second);
  if (room == nullptr) return nullptr;
  auto peer = room->peers.find(core_id);
  return peer == room->peers.end() ? nullptr : &peer->second;
}

SfuRoom *Sfu::room_of(const std::string &meeting_id) {
  auto found = rooms_.find(meeting_id);
  return found == rooms_.end() ? nullptr : &found->second;
}

void Sfu::do_join(const std::string &meeting_id, int64_t meeting_number, uint64_t core_id,
                  int64_t user_id) {
  if (room_of_peer_.count(core_id)) return;
  auto [room, created] =
      rooms_.try_emplace(meeting_id, limits_.speaker_interval_ms, limits_.speaker_max_dbov);
  if (created) core_.log(host_.self(), MG_LOG_INFO, "room %s opened", meeting_id.c_str());
  SfuPeer &peer = room->second.peers[core_id];
  peer.core_id = core_id;
  peer.user_id = user_id;
  peer.meeting_id = meeting_id;
  peer.meeting_number = meeting_number;
  room_of_peer_[core_id] = meeting_id;
  sync_consumers(peer);  // the publishers already there
}

void Sfu::do_leave(uint64_t core_id) {
  auto found = room_of_peer_.find(core_id);
  if (found == room_of_peer_.end()) return;
  const std::string meeting_id = found->second;
  SfuRoom *room = room_of(meeting_id);
  if (room != nullptr) {
    auto peer_it = room->peers.find(core_id);
    if (peer_it != room->peers.end()) {
      SfuPeer &peer = peer_it->second;
      for (auto &[producer, consumer] : peer.consumers) core_.consumer_close(consumer.id);
      peer.consumers.clear();
      std::vector<std::string> mids;
      for (const auto &[mid, track] : peer.tracks) mids.push_back(mid);
      for (const auto &mid : mids) close_track(peer, mid);
      if (peer.publisher_pc) core_.pc_close(peer.publisher_pc, "left the room");
      if (peer.subscriber_pc) core_.pc_close(peer.subscriber_pc, "left the room");
      room->speaker.forget(peer.user_id);
      room->peers.erase(peer_it);
      // One offer per subscriber for everything the leaver took away.
      for (auto &[other_id, other] : room->peers) renegotiate(other);
    }
    if (room->peers.empty()) {
      rooms_.erase(meeting_id);
      core_.log(host_.self(), MG_LOG_INFO, "room %s closed", meeting_id.c_str());
    }
  }
  room_of_peer_.erase(core_id);
}

void Sfu::do_media_event(uint64_t core_id, mg_pc_id pc, const json_t *event) {
  SfuPeer *peer = peer_of(core_id);
  if (peer == nullptr) return;
  const std::string name = text_of(json_object_get(event, "event"), "");
  if (name == "candidate" || name == "end-of-candidates") {
    on_candidate(*peer, pc, event);
  } else if (name == "track" && pc == peer->publisher_pc) {
    on_track(*peer, event);
  } else if (name == "audio-level" && pc == peer->publisher_pc) {
    on_audio_level(*peer, event);
  } else if (name == "connected" && pc == peer->subscriber_pc) {
    request_keyframes(*peer);
  } else if (name == "producer-closed") {
    const json_t *producer = json_object_get(event, "producer");
    for (auto &[mid, track] : peer->tracks) {
      if (json_is_integer(producer) &&
          track.producer == static_cast<mg_producer_id>(json_integer_value(producer))) {
        close_track(*peer, std::string(mid));
        renegotiate_room(peer->meeting_id);
        break;
      }
    }
  } else if (name == "consumer-closed") {
    const json_t *consumer = json_object_get(event, "consumer");
    std::erase_if(peer->consumers, [consumer](const auto &entry) {
      return json_is_integer(consumer) &&
             entry.second.id == static_cast<mg_consumer_id>(json_integer_value(consumer));
    });
  }
}

void Sfu::do_hangup(uint64_t core_id, mg_pc_id pc) {
  SfuPeer *peer = peer_of(core_id);
  if (peer == nullptr || pc == 0) return;
  if (pc == peer->publisher_pc) {
    std::vector<std::string> mids;
    for (const auto &[mid, track] : peer->tracks) mids.push_back(mid);
    for (const auto &mid : mids) close_track(*peer, mid);
    peer->publisher_pc = 0;
    renegotiate_room(peer->meeting_id);
  } else if (pc == peer->subscriber_pc) {
    for (auto &[producer, consumer] : peer->consumers) core_.consumer_close(consumer.id);
    peer->consumers.clear();
    peer->subscriber_pc = 0;
    peer->offer_outstanding = false;
    peer->needs_offer = false;
  }
}

void Sfu::do_mute(const std::string &meeting_id, int64_t user_id, const std::string &kind,
                  bool muted) {
  SfuRoom *room = room_of(meeting_id);
  if (room == nullptr) return;
  if (muted) {
    room->muted_kinds[user_id].insert(kind);
  } else {
    room->muted_kinds[user_id].erase(kind);
  }
  for (auto &[core_id, peer] : room->peers) {
    if (peer.user_id != user_id) continue;
    for (auto &[mid, track] : peer.tracks) {
      if (track.kind == kind && track.producer) core_.producer_pause(track.producer, muted ? 1 : 0);
    }
  }
}

void Sfu::on_audio_level(SfuPeer &peer, const json_t *event) {
  SfuRoom *room = room_of(peer.meeting_id);
  if (room == nullptr) return;
  const json_t *level = json_object_get(event, "level_dbov");
  if (!json_is_integer(level)) return;
  const bool voice = json_is_true(json_object_get(event, "voice"));
  auto speaker = room->speaker.observe(peer.user_id, static_cast<int>(json_integer_value(level)),
                                       voice, now_ms());
  if (!speaker) return;
  host_.broadcast(peer.meeting_id, MessageType::kActiveSpeaker,
                  json_pack("{s:I,s:I}", "user_id", static_cast<json_int_t>(*speaker), "level_dbov",
                            json_integer_value(level)),
                  0);
}

void Sfu::announce_producer_added(const SfuPeer &publisher, const SfuTrack &track) {
  // Producer and PeerConnection ids are uint64 counters; they fit json_int_t.
  JsonRef event = adopt(
      json_pack("{s:s,s:I,s:I,s:I,s:s,s:s,s:s,s:I,s:s}", "meeting_id", publisher.meeting_id.c_str(),
                "id", static_cast<json_int_t>(publisher.meeting_number), "user_id",
                static_cast<json_int_t>(publisher.user_id), "producer_id",
                static_cast<json_int_t>(track.producer), "kind", track.kind.c_str(), "codec",
                track.codec.c_str(), "source", track.source.c_str(), "pc_id",
                static_cast<json_int_t>(publisher.publisher_pc), "mid", track.mid.c_str()));
  core_.publish(host_.self(), "videoroom.producer_added", event.get());
}

void Sfu::announce_producer_removed(const SfuPeer &publisher, mg_producer_id producer) {
  JsonRef event = adopt(json_pack("{s:s,s:I,s:I,s:I}", "meeting_id", publisher.meeting_id.c_str(),
                                  "id", static_cast<json_int_t>(publisher.meeting_number),
                                  "user_id", static_cast<json_int_t>(publisher.user_id),
                                  "producer_id", static_cast<json_int_t>(producer)));
  core_.publish(host_.self(), "videoroom.producer_removed", event.get());
}

json_t *Sfu::stats_json(bool all_rooms, const std::set<std::string> &meeting_ids) {
  json_t *rooms = json_array();
  json_int_t participants = 0, streams = 0, consumers = 0;
  double bitrate_in = 0, bitrate_out = 0;
  for (const auto &[meeting_id, room] : rooms_) {
    if (!all_rooms && meeting_ids.count(meeting_id) == 0) continue;
    json_int_t room_streams = 0, room_consumers = 0;
    double room_in = 0, room_out = 0;
    json_t *tracks = json_array();
    for (const auto &[core_id, peer] : room.peers) {
      for (const auto &[mid, track] : peer.tracks) {
        json_t *stats = track.producer ? core_.producer_stats(track.producer) : nullptr;
        room_in += json_number_value(json_object_get(stats, "bitrate"));
        json_array_append_new(
            tracks,
            json_pack("{s:I,s:s,s:s,s:s,s:o}", "user_id", static_cast<json_int_t>(peer.user_id),
                      "mid", mid.c_str(), "kind", track.kind.c_str(), "source",
                      track.source.c_str(), "stats", stats ? stats : json_null()));
        ++room_streams;
      }
      for (const auto &[producer, consumer] : peer.consumers) {
        json_t *stats = core_.consumer_stats(consumer.id);
        room_out += json_number_value(json_object_get(stats, "bitrate"));
        json_decref(stats);
        ++room_consumers;
      }
    }
    json_array_append_new(
        rooms, json_pack("{s:s,s:I,s:I,s:I,s:f,s:f,s:o}", "meeting_id", meeting_id.c_str(),
                         "participants", static_cast<json_int_t>(room.peers.size()), "streams",
                         room_streams, "consumers", room_consumers, "bitrate_in_bps", room_in,
                         "bitrate_out_bps", room_out, "tracks", tracks));
    participants += static_cast<json_int_t>(room.peers.size());
    streams += room_streams;
    consumers += room_consumers;
    bitrate_in += room_in;
    bitrate_out += room_out;
  }
  core_.metric_set(host_.self(), "videoroom_media_rooms", nullptr,
                   static_cast<double>(rooms_.size()));
  core_.metric_set(host_.self(), "videoroom_streams", nullptr, static_cast<double>(streams));
  core_.metric_set(host_.self(), "videoroom_bitrate_in_bps", nullptr, bitrate_in);
  core_.metric_set(host_.self(), "videoroom_bitrate_out_bps", nullptr, bitrate_out);
  return json_pack("{s:o,s:I,s:I,s:I,s:f,s:f}", "rooms", rooms, "media_participants", participants,
                   "streams", streams, "consumers", consumers, "bitrate_in_bps", bitrate_in,
                   "bitrate_out_bps", bitrate_out);
}

}  // namespace meetgate::videoroom
