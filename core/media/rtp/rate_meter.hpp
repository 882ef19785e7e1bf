// Bytes per second over a sliding one-second window of ten 100 ms buckets.
// Fixed storage: add() never allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace meetgate::media::rtp {

class RateMeter {
 public:
  void add(uint64_t bytes, uint64_t now_us);
  uint64_t bits_per_second(uint64_t now_us) const;

 private:
  static constexpr uint64_t kBucketUs = 100'000;
  static constexpr size_t kBuckets = 10;
  void advance(uint64_t bucket);

  std::array<uint64_t, kBuckets> bytes_{};
  uint64_t current_bucket_ = 0;  // absolute bucket number of the newest bucket
};

}  // namespace meetgate::media::rtp
