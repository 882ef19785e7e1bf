#include "rate_meter.hpp"

namespace meetgate::media::rtp {

void RateMeter::advance(uint64_t bucket) {
  if (bucket <= current_bucket_) return;
  const uint64_t steps = bucket - current_bucket_;
  for (uint64_t i = 1; i <= steps && i <= kBuckets; ++i)
    bytes_[(current_bucket_ + i) % kBuckets] = 0;
  current_bucket_ = bucket;
}

void RateMeter::add(uint64_t bytes, uint64_t now_us) {
  advance(now_us / kBucketUs);
  bytes_[current_bucket_ % kBuckets] += bytes;
}

uint64_t RateMeter::bits_per_second(uint64_t now_us) const {
  const uint64_t bucket = now_us / kBucketUs;
  uint64_t total = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    const uint64_t b = current_bucket_ >= i ? current_bucket_ - i : UINT64_MAX;
    if (b != UINT64_MAX && bucket >= b && bucket - b < kBuckets) total += bytes_[b % kBuckets];
  }
  return total * 8;
}

}  // namespace meetgate::media::rtp
