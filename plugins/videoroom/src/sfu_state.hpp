// The SFU's bookkeeping per room and participant. Only the SFU's media
// thread touches it, so it needs no lock.
#pragma once

#include <meetgate/media.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "active_speaker.hpp"

namespace meetgate::videoroom {

// An incoming track of a publisher, declared a producer.
struct SfuTrack {
  std::string mid;
  std::string kind;    // "audio" | "video"
  std::string source;  // "camera", "microphone", "screen" (from the offer), or kind
  std::string codec;   // from the engine's "track" event ("VP8", "opus", ...)
  mg_producer_id producer = 0;
};

// A producer forwarded to a subscriber's PeerConnection.
struct SfuConsumer {
  mg_consumer_id id = 0;
  std::string mid;  // the sending m-line on the subscriber's PeerConnection
  uint64_t publisher_core_id = 0;
  int64_t publisher_user_id = 0;
  SfuTrack track;
};

struct SfuPeer {
  uint64_t core_id = 0;
  int64_t user_id = 0;
  std::string meeting_id;
  int64_t meeting_number = 0;  // the meeting's numeric id (0 if unknown)
  // Publishing: the client offers, the server answers.
  mg_pc_id publisher_pc = 0;
  std::map<std::string, SfuTrack> tracks;                // by mid
  std::map<std::string, std::string> announced_sources;  // mid -> source, from offers
  // Subscribing: the server offers, the client answers. One offer at a time.
  mg_pc_id subscriber_pc = 0;
  std::map<mg_producer_id, SfuConsumer> consumers;
  bool offer_outstanding = false;
  bool needs_offer = false;
  std::optional<std::set<int64_t>> wanted_users;  // nullopt = every publisher
};

struct SfuRoom {
  SfuRoom(int64_t speaker_interval_ms, int speaker_max_dbov)
      : speaker(speaker_interval_ms, speaker_max_dbov) {}
  std::map<uint64_t, SfuPeer> peers;  // by core id
  ActiveSpeaker speaker;
  std::map<int64_t, std::set<std::string>> muted_kinds;  // host mutes by user
};

}  // namespace meetgate::videoroom
