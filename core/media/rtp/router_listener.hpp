// Events the router reports to its owner (the media engine, which turns them
// into the plugin's media_event "producer-closed", "consumer-closed",
// "audio-level" and into active-speaker decisions).
#pragma once

#include <cstdint>
#include <string_view>

namespace meetgate::media::rtp {

using ProducerId = uint64_t;  // 0 = none
using ConsumerId = uint64_t;  // 0 = none

class RouterListener {
 public:
  virtual ~RouterListener() = default;
  // After remove_producer (all its consumers were closed first, each
  // reported with on_consumer_closed). Called on the caller's thread, with
  // no router lock held: calling back into the Router is allowed.
  virtual void on_producer_closed(ProducerId producer) = 0;
  // After remove_consumer or the closing of its producer ("producer-closed").
  virtual void on_consumer_closed(ConsumerId consumer, std::string_view reason) = 0;
  // From Router::tick (on its caller's thread, no router lock held), throttled
  // (RouterConfig::audio_level_interval_us): the smoothed RFC 6464 level of an audio producer,
  // -127..0 dBov.
  virtual void on_audio_level(ProducerId producer, int level_dbov, bool voice) = 0;
  // From Router::tick: the loudest producer of `speaker_group` changed
  // (0 = nobody is speaking any more).
  virtual void on_active_speaker(uint64_t speaker_group, ProducerId producer) = 0;
};

}  // namespace meetgate::media::rtp
