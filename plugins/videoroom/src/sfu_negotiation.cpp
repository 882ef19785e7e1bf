// The SFU's offer/answer and producer/consumer work (see sfu.hpp). Runs on
// the SFU thread only.
#include <vector>

#include "sfu.hpp"

namespace meetgate::videoroom {

namespace {

const char *kPublisher = "publisher";
const char *kSubscriber = "subscriber";

ProtocolError media_error(int code, const char *message, json_t *error /* stolen */) {
  ProtocolError failure{code, message, text_of(error, "media engine error")};
  json_decref(error);
  return failure;
}

bool for_subscriber(const json_t *payload) {
  return text_of(json_object_get(payload, "pc"), kPublisher) == kSubscriber;
}

}  // namespace

void Sfu::do_offer(uint64_t core_id, const json_t *id, const json_t *payload) {
  SfuPeer *peer = peer_of(core_id);
  if (peer == nullptr) {
    host_.send_error_to(core_id, {409, "not in the room", "send join-room before publishing"}, id);
    return;
  }
  if (for_subscriber(payload)) {
    // The server owns offers on the subscribing connection: no glare there.
    host_.send_error_to(
        core_id, {409, "offer refused", "the server makes the offers on the subscriber connection"},
        id);
    return;
  }
  json_t *error = nullptr;
  if (peer->publisher_pc == 0) {
    peer->publisher_pc = host_.create_pc(core_id, &error);
    if (peer->publisher_pc == 0) {
      host_.send_error_to(core_id, media_error(503, "cannot publish", error), id);
      return;
    }
  }
  const json_t *sources = json_object_get(payload, "sources");
  const char *mid;
  const json_t *source;
  json_object_foreach(const_cast<json_t *>(sources), mid, source) {
    if (json_is_string(source)) peer->announced_sources[mid] = json_string_value(source);
  }
  JsonRef jsep = adopt(media_description(payload, "offer"));
  const int status = core_.pc_set_remote_description(peer->publisher_pc, jsep.get(), &error);
  if (status != 0) {
    host_.send_error_to(core_id, media_error(status, "offer refused", error), id);
    return;
  }
  JsonRef answer = adopt(core_.pc_create_answer(peer->publisher_pc, nullptr, &error));
  if (!answer) {
    host_.send_error_to(core_id, media_error(500, "cannot answer the offer", error), id);
    return;
  }
  json_object_set_new(answer.get(), "pc", json_string(kPublisher));
  host_.send_to(core_id, MessageType::kAnswer, answer.release());
}

void Sfu::do_answer(uint64_t core_id, const json_t *id, const json_t *payload) {
  SfuPeer *peer = peer_of(core_id);
  if (peer == nullptr || peer->subscriber_pc == 0 || !peer->offer_outstanding) {
    host_.send_error_to(core_id, {409, "unexpected answer", "no server offer is outstanding"}, id);
    return;
  }
  JsonRef jsep = adopt(media_description(payload, "answer"));
  json_t *error = nullptr;
  const int status = core_.pc_set_remote_description(peer->subscriber_pc, jsep.get(), &error);
  peer->offer_outstanding = false;
  if (status != 0) {
    host_.send_error_to(core_id, media_error(status, "answer refused", error), id);
    peer->needs_offer = true;  // try again with a fresh offer
  }
  request_keyframes(*peer);
  renegotiate(*peer);  // changes that came while the offer was out
}

void Sfu::do_candidate(uint64_t core_id, const json_t *id, const json_t *payload) {
  SfuPeer *peer = peer_of(core_id);
  const mg_pc_id pc =
      peer == nullptr ? 0 : (for_subscriber(payload) ? peer->subscriber_pc : peer->publisher_pc);
  if (pc == 0) {
    host_.send_error_to(
        core_id,
        {409, "no such connection", "ice-candidate for a connection that was not negotiated"}, id);
    return;
  }
  JsonRef candidate = adopt(media_candidate(payload));
  json_t *error = nullptr;
  const int status = core_.pc_add_candidate(pc, candidate.get(), &error);
  if (status != 0) host_.send_error_to(core_id, media_error(status, "bad candidate", error), id);
}

void Sfu::do_subscribe(uint64_t core_id, const json_t *id, const json_t *payload) {
  SfuPeer *peer = peer_of(core_id);
  if (peer == nullptr) {
    host_.send_error_to(core_id, {409, "not in the room", "send join-room first"}, id);
    return;
  }
  const json_t *ids = json_object_get(payload, "user_ids");
  if (json_is_array(ids)) {
    std::set<int64_t> wanted;
    size_t index;
    const json_t *user;
    json_array_foreach(ids, index, user) wanted.insert(json_integer_value(user));
    peer->wanted_users = std::move(wanted);
  } else {
    peer->wanted_users.reset();
  }
  sync_consumers(*peer);
  json_t *reply = json_object();
  if (json_is_array(ids)) {
    json_object_set(reply, "user_ids", const_cast<json_t *>(ids));
  } else {
    json_object_set_new(reply, "user_ids", json_string("all"));
  }
  json_object_set_new(reply, "streams", streams_json(*peer));
  host_.send_to(core_id, MessageType::kSubscribe, reply);
}

void Sfu::do_unpublish(uint64_t core_id, const json_t *id, const json_t *payload) {
  SfuPeer *peer = peer_of(core_id);
  if (peer == nullptr) {
    host_.send_error_to(core_id, {409, "not in the room", "send join-room first"}, id);
    return;
  }
  const std::string only = text_of(json_object_get(payload, "mid"), "");
  if (!only.empty() && peer->tracks.count(only) == 0) {
    host_.send_error_to(core_id, {404, "no such track", "no published track has mid " + only}, id);
    return;
  }
  json_t *closed = json_array();
  std::vector<std::string> mids;
  for (const auto &[mid, track] : peer->tracks) {
    if (only.empty() || mid == only) mids.push_back(mid);
  }
  for (const auto &mid : mids) {
    close_track(*peer, mid);
    json_array_append_new(closed, json_string(mid.c_str()));
  }
  if (only.empty() && peer->publisher_pc) {
    core_.pc_close(peer->publisher_pc, "unpublished");
    peer->publisher_pc = 0;
  }
  renegotiate_room(peer->meeting_id);
  host_.send_to(core_id, MessageType::kUnpublish, json_pack("{s:o}", "mids", closed));
}

void Sfu::on_candidate(SfuPeer &peer, mg_pc_id pc, const json_t *event) {
  const char *role = pc == peer.subscriber_pc ? kSubscriber : kPublisher;
  json_t *payload;
  if (text_of(json_object_get(event, "event"), "") == "end-of-candidates") {
    payload = json_pack("{s:b,s:s}", "completed", 1, "pc", role);
  } else {
    payload = json_deep_copy(event);
    json_object_del(payload, "event");
    json_object_set_new(payload, "pc", json_string(role));
  }
  host_.send_to(peer.core_id, MessageType::kIceCandidate, payload);
}

void Sfu::on_track(SfuPeer &publisher, const json_t *event) {
  const std::string mid = text_of(json_object_get(event, "mid"), "");
  if (mid.empty() || publisher.tracks.count(mid)) return;
  if (publisher.tracks.size() >= limits_.max_tracks_per_publisher) {
    core_.log(host_.self(), MG_LOG_WARN, "user %lld: track %s over the per-publisher limit",
              static_cast<long long>(publisher.user_id), mid.c_str());
    return;
  }
  json_t *error = nullptr;
  SfuTrack track;
  track.mid = mid;
  track.kind = text_of(json_object_get(event, "kind"), "video");
  track.codec = text_of(json_object_get(event, "codec"), "");
  auto announced = publisher.announced_sources.find(mid);
  track.source = announced != publisher.announced_sources.end()
                     ? announced->second
                     : (track.kind == "audio" ? "microphone" : "camera");
  track.producer = core_.producer_create(publisher.publisher_pc, mid.c_str(), &error);
  if (track.producer == 0) {
    host_.send_error_to(publisher.core_id, media_error(500, "cannot forward the track", error),
                        nullptr);
    return;
  }
  SfuRoom *room = room_of(publisher.meeting_id);
  if (room == nullptr) return;
  auto muted = room->muted_kinds.find(publisher.user_id);
  if (muted != room->muted_kinds.end() && muted->second.count(track.kind)) {
    core_.producer_pause(track.producer, 1);
  }
  publisher.tracks[mid] = track;
  announce_producer_added(publisher, track);
  for (auto &[core_id, subscriber] : room->peers) {
    if (core_id == publisher.core_id || !wants(subscriber, publisher)) continue;
    attach(subscriber, publisher, track);
    renegotiate(subscriber);
  }
}

bool Sfu::wants(const SfuPeer &subscriber, const SfuPeer &publisher) const {
  if (subscriber.user_id == publisher.user_id) return false;  // not one's own media
  return !subscriber.wanted_users || subscriber.wanted_users->count(publisher.user_id) > 0;
}

void Sfu::attach(SfuPeer &subscriber, const SfuPeer &publisher, const SfuTrack &track) {
  if (subscriber.consumers.count(track.producer)) return;
  json_t *error = nullptr;
  if (subscriber.subscriber_pc == 0) {
    subscriber.subscriber_pc = host_.create_pc(subscriber.core_id, &error);
    if (subscriber.subscriber_pc == 0) {
      host_.send_error_to(subscriber.core_id, media_error(503, "cannot subscribe", error), nullptr);
      return;
    }
  }
  mg_consumer_target target{};
  target.type = MG_CONSUMER_PEER;
  target.pc = subscriber.subscriber_pc;
  json_t *mid = nullptr;
  const mg_consumer_id consumer = core_.consumer_create(track.producer, &target, &mid, &error);
  if (consumer == 0) {
    json_decref(mid);
    host_.send_error_to(subscriber.core_id, media_error(500, "cannot subscribe", error), nullptr);
    return;
  }
  subscriber.consumers[track.producer] =
      SfuConsumer{consumer, text_of(mid, ""), publisher.core_id, publisher.user_id, track};
  json_decref(mid);
  subscriber.needs_offer = true;
}

void Sfu::detach_producer(SfuRoom &room, mg_producer_id producer) {
  for (auto &[core_id, subscriber] : room.peers) {
    auto found = subscriber.consumers.find(producer);
    if (found == subscriber.consumers.end()) continue;
    core_.consumer_close(found->second.id);
    subscriber.consumers.erase(found);
    subscriber.needs_offer = true;  // sent by renegotiate_room once the caller is done
  }
}

void Sfu::renegotiate_room(const std::string &meeting_id) {
  SfuRoom *room = room_of(meeting_id);
  if (room == nullptr) return;
  for (auto &[core_id, peer] : room->peers) renegotiate(peer);
}

void Sfu::close_track(SfuPeer &publisher, const std::string &mid) {
  auto found = publisher.tracks.find(mid);
  if (found == publisher.tracks.end()) return;
  const mg_producer_id producer = found->second.producer;
  publisher.tracks.erase(found);
  SfuRoom *room = room_of(publisher.meeting_id);
  if (room != nullptr) detach_producer(*room, producer);
  core_.producer_close(producer);
  announce_producer_removed(publisher, producer);
}

void Sfu::sync_consumers(SfuPeer &subscriber) {
  SfuRoom *room = room_of(subscriber.meeting_id);
  if (room == nullptr) return;
  for (auto &[core_id, publisher] : room->peers) {
    if (core_id == subscriber.core_id) continue;
    const bool wanted = wants(subscriber, publisher);
    for (const auto &[mid, track] : publisher.tracks) {
      auto existing = subscriber.consumers.find(track.producer);
      if (wanted && existing == subscriber.consumers.end()) {
        attach(subscriber, publisher, track);
      } else if (!wanted && existing != subscriber.consumers.end()) {
        core_.consumer_close(existing->second.id);
        subscriber.consumers.erase(existing);
        subscriber.needs_offer = true;
      }
    }
  }
  renegotiate(subscriber);
}

void Sfu::renegotiate(SfuPeer &subscriber) {
  if (subscriber.subscriber_pc == 0 || !subscriber.needs_offer || subscriber.offer_outstanding) {
    return;
  }
  json_t *error = nullptr;
  JsonRef offer = adopt(core_.pc_create_offer(subscriber.subscriber_pc, nullptr, &error));
  if (!offer) {
    host_.send_error_to(subscriber.core_id, media_error(500, "cannot renegotiate", error), nullptr);
    return;
  }
  subscriber.needs_offer = false;
  subscriber.offer_outstanding = true;
  json_object_set_new(offer.get(), "pc", json_string(kSubscriber));
  json_object_set_new(offer.get(), "streams", streams_json(subscriber));
  host_.send_to(subscriber.core_id, MessageType::kOffer, offer.release());
}

void Sfu::request_keyframes(const SfuPeer &subscriber) {
  SfuRoom *room = room_of(subscriber.meeting_id);
  if (room == nullptr) return;
  for (const auto &[producer, consumer] : subscriber.consumers) {
    if (consumer.track.kind != "video") continue;
    auto publisher = room->peers.find(consumer.publisher_core_id);
    if (publisher != room->peers.end() && publisher->second.publisher_pc) {
      core_.request_keyframe(publisher->second.publisher_pc, consumer.track.mid.c_str());
    }
  }
}

json_t *Sfu::streams_json(const SfuPeer &subscriber) const {
  json_t *streams = json_array();
  for (const auto &[producer, consumer] : subscriber.consumers) {
    json_array_append_new(
        streams, json_pack("{s:s,s:I,s:s,s:s,s:s}", "mid", consumer.mid.c_str(), "user_id",
                           static_cast<json_int_t>(consumer.publisher_user_id), "kind",
                           consumer.track.kind.c_str(), "source", consumer.track.source.c_str(),
                           "publisher_mid", consumer.track.mid.c_str()));
  }
  return streams;
}

}  // namespace meetgate::videoroom
